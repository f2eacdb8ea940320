using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Baking;

/// <summary>
/// The guest paths an image bakes and where each comes from: directories, files from the host or made by the
/// toolchain, symbolic links. Paths are absolute ("/app/appsettings.json"); parents are added as needed. Two sources
/// for one path are an error naming both, as <c>dotnet publish</c> refuses two files with one relative path.
/// Written as a cpio "newc" archive in path order, so parents come before what they hold and the bytes depend only
/// on the inputs.
/// </summary>
public sealed class BakedTree
{
    private readonly SortedDictionary<string, BakedTreeEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IEnumerable<string> Paths => _entries.Keys;

    public void AddDirectory(string guestPath, string origin)
    {
        string path = Normalize(guestPath);
        if (path.Length == 0)
            return;
        if (_entries.TryGetValue(path, out var existing))
        {
            if (existing.Kind != BakedTreeEntryKind.Directory)
                throw Conflict(path, existing.Origin, origin);
            return;
        }
        AddParents(path, origin);
        _entries.Add(path, new BakedTreeEntry(BakedTreeEntryKind.Directory, origin, null, null, false));
    }

    public void AddHostFile(string guestPath, string hostFile, string origin) =>
        Add(guestPath, new BakedTreeEntry(BakedTreeEntryKind.File, origin, hostFile, null, IsExecutable(hostFile)));

    public void AddGeneratedFile(string guestPath, byte[] contents, string origin) =>
        Add(guestPath, new BakedTreeEntry(BakedTreeEntryKind.File, origin, null, contents, false));

    public void AddSymbolicLink(string guestPath, string target, string origin) =>
        Add(guestPath, new BakedTreeEntry(BakedTreeEntryKind.SymbolicLink, origin, null, System.Text.Encoding.UTF8.GetBytes(target), false));

    /// <summary>
    /// Everything under <paramref name="hostDirectory"/> at <paramref name="guestDirectory"/>, except what
    /// <paramref name="skip"/> (given the path relative to the host directory) leaves out. Symbolic links are baked as
    /// links with their target unchanged (as cp -a copies them), so a link to a directory cannot make the walk loop.
    /// </summary>
    public void AddHostDirectory(string hostDirectory, string guestDirectory, string origin, Func<string, bool>? skip = null)
    {
        AddDirectory(guestDirectory, origin);
        var pending = new Stack<string>([hostDirectory]);
        while (pending.TryPop(out string? directory))
        {
            foreach (var item in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                string relative = Path.GetRelativePath(hostDirectory, item.FullName).Replace('\\', '/');
                if (skip?.Invoke(relative) == true)
                    continue;
                string guest = guestDirectory.TrimEnd('/') + "/" + relative;
                if (item.LinkTarget is { } target)
                    AddSymbolicLink(guest, target, origin);
                else if (item is DirectoryInfo)
                {
                    AddDirectory(guest, origin);
                    pending.Push(item.FullName);
                }
                else if (item is FileInfo)
                    AddHostFile(guest, item.FullName, origin);
            }
        }
    }

    /// <summary>The cpio archive of the tree (the kernel's BakedArchive reads it).</summary>
    public byte[] ToArchive()
    {
        using var output = new MemoryStream();
        var cpio = new CpioArchiveWriter(output);
        foreach (var (path, entry) in _entries)
        {
            string name = path[1..];
            switch (entry.Kind)
            {
                case BakedTreeEntryKind.Directory:
                    cpio.AddDirectory(name);
                    break;
                case BakedTreeEntryKind.SymbolicLink:
                    cpio.AddSymbolicLink(name, System.Text.Encoding.UTF8.GetString(entry.Contents!));
                    break;
                default:
                    cpio.AddFile(name, entry.Contents ?? ReadHostFile(entry.HostFile!, path), entry.Executable);
                    break;
            }
        }
        cpio.Finish();
        return output.ToArray();
    }

    private void Add(string guestPath, BakedTreeEntry entry)
    {
        string path = Normalize(guestPath);
        if (path.Length == 0)
            throw new ToolchainException($"baked files: {entry.Origin} names the root itself");
        if (_entries.TryGetValue(path, out var existing))
        {
            // The same host file reached twice (a content item listed twice, say) is one file.
            if (existing.Kind == entry.Kind && existing.HostFile is not null && existing.HostFile == entry.HostFile)
                return;
            throw Conflict(path, existing.Origin, entry.Origin);
        }
        AddParents(path, entry.Origin);
        _entries.Add(path, entry);
    }

    private void AddParents(string path, string origin)
    {
        int slash = path.LastIndexOf('/');
        if (slash > 0)
            AddDirectory(path[..slash], origin);
    }

    /// <summary>"/a//b/" and "a/b" are "/a/b"; "." and ".." components are refused (content paths never hold them).</summary>
    private static string Normalize(string guestPath)
    {
        var components = guestPath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (components.Any(component => component is "." or ".."))
            throw new ToolchainException($"baked files: the guest path '{guestPath}' has a '.' or '..' component");
        return components.Length == 0 ? "" : "/" + string.Join('/', components);
    }

    private static ToolchainException Conflict(string path, string first, string second) =>
        new($"baked files: {path} comes from two places: {first} and {second}");

    private static bool IsExecutable(string hostFile) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(hostFile) & UnixFileMode.UserExecute) != 0;

    private static byte[] ReadHostFile(string hostFile, string guestPath)
    {
        try
        {
            return File.ReadAllBytes(hostFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolchainException($"baked files: cannot read {hostFile} (for {guestPath}): {e.Message}");
        }
    }
}
