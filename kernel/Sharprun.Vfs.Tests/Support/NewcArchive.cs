using System.Globalization;
using System.Text;

namespace Sharprun.Vfs.Tests.Support;

/// <summary>
/// Writes cpio "newc" archives for the baked file system's tests, including ones no honest writer makes: any mode,
/// any name bytes, sizes that lie. (The toolchain's writer, which refuses such input, is tested with the toolchain.)
/// </summary>
internal sealed class NewcArchive
{
    public const uint Directory = 0x41ED;   // S_IFDIR | 0755
    public const uint File = 0x81A4;        // S_IFREG | 0644
    public const uint SymbolicLink = 0xA1FF; // S_IFLNK | 0777

    private readonly MemoryStream _bytes = new();

    public NewcArchive Add(string name, uint mode, string data = "", uint modifyTime = 0) =>
        AddRaw(Encoding.UTF8.GetBytes(name + "\0"), mode, Encoding.UTF8.GetBytes(data), modifyTime);

    public NewcArchive AddRaw(byte[] nameWithNul, uint mode, byte[] data, uint modifyTime = 0, uint? declaredFileSize = null, uint? declaredNameSize = null)
    {
        var header = new StringBuilder("070701");
        foreach (uint field in new[]
        {
            1u, mode, 0u, 0u, 1u, modifyTime, declaredFileSize ?? (uint)data.Length, 0u, 0u, 0u, 0u,
            declaredNameSize ?? (uint)nameWithNul.Length, 0u,
        })
        {
            header.Append(field.ToString("x8", CultureInfo.InvariantCulture));
        }
        Write(Encoding.ASCII.GetBytes(header.ToString()));
        Write(nameWithNul);
        Pad();
        Write(data);
        Pad();
        return this;
    }

    public NewcArchive Trailer() => Add("TRAILER!!!", 0);

    public byte[] ToArray() => _bytes.ToArray();

    private void Write(byte[] bytes) => _bytes.Write(bytes);

    private void Pad()
    {
        while (_bytes.Length % 4 != 0)
            _bytes.WriteByte(0);
    }
}
