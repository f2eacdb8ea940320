using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Toolchain.Disks;

/// <summary>
/// <c>disk check</c>: a structural walk of a read-only mount through the faction's node interface: every directory
/// listed, every name looked up, every file read to its end, every link read. Each failure is reported with its path;
/// the walk goes on. Bitmaps, free counts and link counts are e2fsck's business, not checked here.
/// </summary>
internal sealed class ImageCheck(DiskImage image, TextWriter output)
{
    private const int MaximumDepth = 256;
    private readonly HashSet<ulong> _directoriesSeen = [];
    private readonly byte[] _buffer = new byte[1 << 16];

    public long Files { get; private set; }
    public long Directories { get; private set; }
    public long SymbolicLinks { get; private set; }
    public long Bytes { get; private set; }
    public int Problems { get; private set; }

    public void Run()
    {
        Visit(image.Root, "/", 0);
        output.WriteLine($"{image.Path}: {Files} files, {Directories} directories, {SymbolicLinks} symbolic links, {Bytes} bytes read; " +
            (Problems == 0 ? "no problems found" : $"{Problems} problem(s)"));
    }

    private void Visit(INode node, string path, int depth)
    {
        var error = node.GetAttributes(out var attributes);
        if (error != FsError.Success)
        {
            Report(path, "cannot read the inode", error);
            return;
        }
        switch (node.Kind)
        {
            case NodeKind.Directory:
                VisitDirectory(node, path, depth);
                break;
            case NodeKind.RegularFile:
                Files++;
                ReadAll(node, path, attributes.Size);
                break;
            case NodeKind.SymbolicLink:
                SymbolicLinks++;
                error = node.ReadSymbolicLink(out _);
                if (error != FsError.Success)
                    Report(path, "cannot read the link", error);
                break;
        }
    }

    private void VisitDirectory(INode directory, string path, int depth)
    {
        Directories++;
        if (!_directoriesSeen.Add(directory.Number))
        {
            Report(path, $"directory inode {directory.Number} is reachable twice (a loop or a hard link to a directory)", null);
            return;
        }
        if (depth > MaximumDepth)
        {
            Report(path, $"deeper than {MaximumDepth} directories", null);
            return;
        }
        var entries = new List<DirectoryEntry>();
        var error = directory.ReadDirectory(entries);
        if (error != FsError.Success)
        {
            Report(path, "cannot read the directory", error);
            return;
        }
        foreach (var entry in entries)
        {
            if (entry.Name is [(byte)'.'] or [(byte)'.', (byte)'.'])
                continue;
            var childPath = DiskImage.Join(path, Encoding.UTF8.GetString(entry.Name));
            error = directory.Lookup(entry.Name, out var child);
            if (error != FsError.Success || child is null)
            {
                Report(childPath, "cannot look the name up", error);
                continue;
            }
            if (child.Kind != entry.Kind)
                Report(childPath, $"the directory entry says {entry.Kind}, the inode {child.Kind}", null);
            Visit(child, childPath, depth + 1);
        }
    }

    private void ReadAll(INode file, string path, long size)
    {
        for (long offset = 0; offset < size;)
        {
            var error = file.Read(offset, _buffer, out var read);
            if (error != FsError.Success)
            {
                Report(path, $"cannot read at byte {offset}", error);
                return;
            }
            if (read == 0)
            {
                Report(path, $"ends at byte {offset}, short of its size {size}", null);
                return;
            }
            offset += read;
            Bytes += read;
        }
    }

    private void Report(string path, string what, FsError? error)
    {
        Problems++;
        output.WriteLine($"{image.Path}:{path}: {what}" + (error is { } e ? $": {FsErrorText.Describe(e)}" : ""));
    }
}
