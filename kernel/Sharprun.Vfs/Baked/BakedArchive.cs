using System.Text;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Baked;

/// <summary>
/// The files baked into an image: a cpio "newc" archive (what the toolchain's CpioArchiveWriter writes, and what
/// Linux unpacks as an initramfs) parsed once into a table of entries whose contents stay where they are in the
/// archive's memory. Paths are relative to the archive's root ("app/appsettings.json"; a leading "./" or "/" and an
/// entry "." for the root itself are accepted); every directory comes before what it holds; only directories,
/// regular files and symbolic links are allowed. Anything else — a truncated or malformed header, a size past the
/// end, a name with an empty, "." or ".." component or over 255 bytes, a duplicate, a missing trailer, bytes other
/// than zeros after it — is refused with a message naming the entry's offset: an archive is input, and a hostile one
/// must not crash or hang the kernel (every step advances by at least one header, so parsing ends).
/// </summary>
public sealed class BakedArchive
{
    /// <summary>Linux's PATH_MAX, NUL included.</summary>
    private const int MaximumNameSize = 4096;
    private const int MaximumComponentLength = 255;
    private const int MaximumSymbolicLinkLength = 4095;
    private const uint TypeMask = 0xF000;
    private const uint DirectoryType = 0x4000;
    private const uint RegularFileType = 0x8000;
    private const uint SymbolicLinkType = 0xA000;
    private const uint PermissionBits = 0xFFF;
    private const uint RootPermissions = 0x1ED; // 0755
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly List<BakedEntry> _entries;

    private BakedArchive(List<BakedEntry> entries) => _entries = entries;

    /// <summary>Entries, the root included.</summary>
    public int EntryCount => _entries.Count;

    /// <summary>Bytes of file contents and link targets.</summary>
    public long DataBytes => _entries.Sum(entry => (long)entry.Data.Length);

    internal BakedEntry Root => _entries[0];

    /// <summary>The names of the directories directly under the root, in archive order.</summary>
    public IReadOnlyList<string> TopLevelDirectories =>
        Root.Names!.Where(name => Root.Children![name].Kind == NodeKind.Directory).Select(Encoding.UTF8.GetString).ToList();

    /// <summary>The names of anything under the root that is not a directory, in archive order.</summary>
    public IReadOnlyList<string> TopLevelOthers =>
        Root.Names!.Where(name => Root.Children![name].Kind != NodeKind.Directory).Select(Encoding.UTF8.GetString).ToList();

    /// <summary>A file system showing the directory <paramref name="name"/> under the root (or the whole archive for null); null when there is no such directory.</summary>
    public BakedFileSystem? FileSystemAt(string? name)
    {
        if (name is null)
            return new BakedFileSystem(this, Root);
        return Root.Children!.TryGetValue(Encoding.UTF8.GetBytes(name), out BakedEntry? entry) && entry.Kind == NodeKind.Directory
            ? new BakedFileSystem(this, entry)
            : null;
    }

    /// <summary>Parses <paramref name="bytes"/>; on failure <paramref name="message"/> says what is wrong and where.</summary>
    public static FsError TryParse(ReadOnlyMemory<byte> bytes, out BakedArchive? archive, out string message)
    {
        archive = null;
        var entries = new List<BakedEntry> { NewRoot() };
        var byPath = new Dictionary<string, BakedEntry>(StringComparer.Ordinal) { [""] = entries[0] };
        ReadOnlySpan<byte> all = bytes.Span;
        int offset = 0;
        while (true)
        {
            if (all.Length - offset < CpioHeader.Size)
                return Fail(offset, "the archive ends inside a header, or without its TRAILER!!! entry", out message);
            if (!CpioHeader.TryParse(all.Slice(offset, CpioHeader.Size), out CpioHeader header, out string problem))
                return Fail(offset, problem, out message);
            if (header.NameSize < 2 || header.NameSize > MaximumNameSize)
                return Fail(offset, $"a name of {header.NameSize} bytes (NUL included; 2 to {MaximumNameSize} allowed)", out message);
            long nameEnd = (long)offset + CpioHeader.Size + header.NameSize;
            long dataStart = AlignUp(nameEnd);
            long dataEnd = dataStart + header.FileSize;
            if (dataEnd > all.Length)
                return Fail(offset, $"its name or its {header.FileSize} bytes of data run past the end of the archive", out message);
            ReadOnlySpan<byte> name = all[(offset + CpioHeader.Size)..(int)nameEnd];
            if (name[^1] != 0 || name[..^1].Contains((byte)0))
                return Fail(offset, "its name is not one NUL-terminated string", out message);
            name = name[..^1];
            // Padding may be cut short by the end of the archive; the next header's length check reports it.
            int next = (int)Math.Min(AlignUp(dataEnd), all.Length);
            if (name.SequenceEqual("TRAILER!!!"u8))
                return Finish(all, next, entries, out archive, out message);
            FsError error = Add(entries, byPath, header, name, bytes[(int)dataStart..(int)dataEnd], out problem);
            if (error != FsError.Success)
                return Fail(offset, problem, out message);
            offset = next;
        }
    }

    private static FsError Finish(ReadOnlySpan<byte> all, int end, List<BakedEntry> entries, out BakedArchive? archive, out string message)
    {
        archive = null;
        // Writers may pad an archive to a block size with zeros (cpio -o pads to 512 bytes), nothing else.
        if (end < all.Length && all[end..].ContainsAnyExcept((byte)0))
            return Fail(end, "bytes other than zeros follow the TRAILER!!! entry", out message);
        archive = new BakedArchive(entries);
        message = "";
        return FsError.Success;
    }

    private static FsError Add(List<BakedEntry> entries, Dictionary<string, BakedEntry> byPath, in CpioHeader header,
        ReadOnlySpan<byte> rawName, ReadOnlyMemory<byte> data, out string problem)
    {
        string path = Encoding.UTF8.GetString(rawName);
        if (!TryNormalize(path, out string normalized, out problem))
            return FsError.Corrupted;
        NodeKind? kind = (header.Mode & TypeMask) switch
        {
            DirectoryType => NodeKind.Directory,
            RegularFileType => NodeKind.RegularFile,
            SymbolicLinkType => NodeKind.SymbolicLink,
            _ => null,
        };
        if (kind is null)
        {
            problem = $"'{path}' has the file type 0{Convert.ToString(header.Mode >> 12, 8)}0000: only directories, regular files and symbolic links can be baked";
            return FsError.Corrupted;
        }
        if (normalized.Length == 0)
        {
            // The root itself ("." as find lists it): nothing to add, but it must say it is a directory.
            problem = kind == NodeKind.Directory && data.IsEmpty ? "" : $"'{path}' names the root, which must be an empty directory entry";
            return problem.Length == 0 ? FsError.Success : FsError.Corrupted;
        }
        if (kind == NodeKind.Directory && !data.IsEmpty)
        {
            problem = $"the directory '{path}' has {data.Length} bytes of data";
            return FsError.Corrupted;
        }
        if (kind == NodeKind.SymbolicLink && (data.IsEmpty || data.Length > MaximumSymbolicLinkLength || data.Span.Contains((byte)0)))
        {
            problem = $"the symbolic link '{path}' has a target of {data.Length} bytes (1 to {MaximumSymbolicLinkLength}, no NUL)";
            return FsError.Corrupted;
        }
        if (byPath.ContainsKey(normalized))
        {
            problem = $"'{path}' is in the archive twice";
            return FsError.Corrupted;
        }
        int slash = normalized.LastIndexOf('/');
        string parentPath = slash < 0 ? "" : normalized[..slash];
        if (!byPath.TryGetValue(parentPath, out BakedEntry? parent) || parent.Kind != NodeKind.Directory)
        {
            problem = $"'{path}' comes before its directory '{parentPath}' (or that is not a directory)";
            return FsError.Corrupted;
        }
        var entry = new BakedEntry(entries.Count, kind.Value, header.Mode & PermissionBits, header.UserId, header.GroupId,
            header.ModifyTime * NanosecondsPerSecond, data, parent);
        byte[] name = Encoding.UTF8.GetBytes(normalized[(slash + 1)..]);
        parent.Children!.Add(name, entry);
        parent.Names!.Add(name);
        if (kind == NodeKind.Directory)
            parent.SubdirectoryCount++;
        entries.Add(entry);
        byPath.Add(normalized, entry);
        problem = "";
        return FsError.Success;
    }

    /// <summary>"./a/b", "/a/b" and "a/b" are "a/b"; "." is the root (""); empty, "." and ".." components and over-long ones are refused.</summary>
    private static bool TryNormalize(string path, out string normalized, out string problem)
    {
        normalized = path;
        if (normalized.StartsWith("./", StringComparison.Ordinal))
            normalized = normalized[2..];
        else if (normalized.StartsWith('/'))
            normalized = normalized[1..];
        if (normalized is "." or "")
        {
            normalized = "";
            problem = "";
            return true;
        }
        foreach (string component in normalized.Split('/'))
        {
            if (component is "" or "." or "..")
            {
                problem = $"the name '{path}' has an empty, '.' or '..' component";
                return false;
            }
            if (Encoding.UTF8.GetByteCount(component) > MaximumComponentLength)
            {
                problem = $"the name '{path}' has a component over {MaximumComponentLength} bytes";
                return false;
            }
        }
        problem = "";
        return true;
    }

    private static BakedEntry NewRoot() =>
        new(0, NodeKind.Directory, RootPermissions, 0, 0, 0, ReadOnlyMemory<byte>.Empty, null);

    private static long AlignUp(long value) => (value + 3) & ~3L;

    private static FsError Fail(int offset, string problem, out string message)
    {
        message = $"baked files: bad archive entry at offset {offset}: {problem}";
        return FsError.Corrupted;
    }
}
