using System.Runtime.InteropServices;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Pal.Files;

/// <summary>
/// What OpenDir hands out (a DIR*): an open directory and a native buffer holding the name of the entry last read,
/// which stays valid until the next read or the close, as readdir's result does.
/// </summary>
internal sealed unsafe class DirectoryStream
{
    /// <summary>NAME_MAX + 1: names are at most 255 bytes.</summary>
    public const int NameCapacity = 256;

    private DirectoryStream(OpenFile directory, byte* name)
    {
        Directory = directory;
        Name = name;
    }

    public OpenFile Directory { get; }

    public byte* Name { get; }

    public static DirectoryStream Open(OpenFile directory) =>
        new(directory, (byte*)NativeMemory.Alloc(NameCapacity));

    /// <summary>The next entry, its name copied into <see cref="Name"/> (truncated to the buffer: never longer for the file systems here).</summary>
    public FsError Next(out DirectoryEntry? entry, out int nameLength)
    {
        nameLength = 0;
        FsError error = Directory.ReadDirectoryEntry(out entry);
        if (error != FsError.Success || entry is not { } found)
            return error;
        nameLength = Math.Min(found.Name.Length, NameCapacity - 1);
        found.Name.AsSpan(0, nameLength).CopyTo(new Span<byte>(Name, NameCapacity));
        Name[nameLength] = 0;
        return FsError.Success;
    }

    public FsError Close()
    {
        NativeMemory.Free(Name);
        return Directory.Close();
    }
}
