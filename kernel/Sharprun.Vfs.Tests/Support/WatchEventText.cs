using System.Buffers.Binary;
using System.Text;

namespace Sharprun.Vfs.Tests.Support;

/// <summary>
/// Decodes what a read of an inotify descriptor returned into "wd mask cookie name" lines: the mask in hex, a
/// cookie as the order it first appeared in ("c1", "c2"...; "-" for none), so two runs compare although their
/// cookies differ. Checks the padding Linux gives a name (NUL-filled to a multiple of 16).
/// </summary>
internal sealed class WatchEventText
{
    private readonly Dictionary<uint, int> _cookies = [];

    public void Decode(ReadOnlySpan<byte> buffer, List<string> into)
    {
        while (!buffer.IsEmpty)
        {
            int descriptor = BinaryPrimitives.ReadInt32LittleEndian(buffer);
            uint mask = BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]);
            uint cookie = BinaryPrimitives.ReadUInt32LittleEndian(buffer[8..]);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[12..]);
            Assert.Equal(0, length % 16);
            ReadOnlySpan<byte> name = buffer.Slice(16, length);
            int end = name.IndexOf((byte)0);
            Assert.True(length == 0 || end >= 0, "a name is NUL-terminated");
            Assert.True(name[Math.Max(end, 0)..].IndexOfAnyExcept((byte)0) < 0, "a name is padded with NULs");
            string text = Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
            into.Add($"{descriptor} {mask:x} {CookieName(cookie)} {text}".TrimEnd());
            buffer = buffer[(16 + length)..];
        }
    }

    private string CookieName(uint cookie)
    {
        if (cookie == 0)
            return "-";
        if (!_cookies.TryGetValue(cookie, out int number))
            _cookies.Add(cookie, number = _cookies.Count + 1);
        return $"c{number}";
    }
}
