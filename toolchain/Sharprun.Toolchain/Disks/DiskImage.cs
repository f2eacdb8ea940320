using System;
using System.IO;
using System.Text;
using Sharprun.Ext2;
using Sharprun.Ext2.Format;
using Sharprun.Hypercall.Hosted.Storage;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Vfs;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Toolchain.Disks;

/// <summary>
/// An ext2 image file mounted by the kernel's own ext2 faction, behind the kernel's path-based VFS (so paths,
/// symbolic links and modes behave as they will in the guest). <see cref="Close"/> unmounts cleanly; disposing
/// without it (after a failure) still unmounts, so the image is never left marked in use.
/// </summary>
internal sealed class DiskImage : IDisposable
{
    private readonly ImageFileBlockDevice _device;
    private readonly Ext2FileSystem _fileSystem;
    private bool _closed;

    private DiskImage(string path, ImageFileBlockDevice device, Ext2FileSystem fileSystem, string mountNote)
    {
        Path = path;
        _device = device;
        _fileSystem = fileSystem;
        MountNote = mountNote;
        Files = new VirtualFileSystem(fileSystem) { Umask = 0 };
    }

    /// <summary>The image file as the user named it, for messages.</summary>
    public string Path { get; }

    public VirtualFileSystem Files { get; }

    public INode Root => _fileSystem.Root;

    /// <summary>Why the mount is read-only when the faction decided so (an ext4 image), or empty.</summary>
    public string MountNote { get; }

    /// <summary>Makes a sparse image file of <paramref name="size"/> bytes and formats it as ext2.</summary>
    public static void Create(string path, long size, int? blockSize, bool force)
    {
        if (Directory.Exists(path))
            throw new ToolchainException($"{path} is a directory");
        if (File.Exists(path) && !force)
            throw new ToolchainException($"{path} already exists (use --force to overwrite it)");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            // SetLength leaves a hole: the image takes only the blocks the file system writes.
            file.SetLength(size);
        }
        using var device = new ImageFileBlockDevice(path);
        var error = Ext2Formatter.Format(device, new Ext2FormatOptions(blockSize), out var message);
        if (error != FsError.Success)
        {
            device.Dispose();
            File.Delete(path);
            throw new ToolchainException($"{path}: {message}");
        }
    }

    public static DiskImage Open(string path, bool readOnly)
    {
        if (Directory.Exists(path))
            throw new ToolchainException($"{path} is a directory, not a disk image");
        if (!File.Exists(path))
            throw new ToolchainException($"no such disk image: '{path}'");
        var device = new ImageFileBlockDevice(path, readOnly);
        var error = Ext2FileSystem.TryMount(device, readOnly, out var fileSystem, out var message);
        if (error != FsError.Success || fileSystem is null)
        {
            device.Dispose();
            throw new ToolchainException($"{path}: cannot mount: {message}");
        }
        return new DiskImage(path, device, fileSystem, message);
    }

    public static byte[] Name(string path) => Encoding.UTF8.GetBytes(path);

    /// <summary>A path inside the image, absolute ("/etc/app.json"); the names the user wrote, made absolute.</summary>
    public static string Absolute(string path) => path.StartsWith('/') ? path : "/" + path;

    /// <summary>A name under a directory of the image.</summary>
    public static string Join(string directory, string name) => directory.EndsWith('/') ? directory + name : directory + "/" + name;

    /// <summary>The failure of an operation on <paramref name="path"/> inside the image, worded for the user.</summary>
    public ToolchainException Failure(string path, FsError error) =>
        new($"{Path}:{path}: {FsErrorText.Describe(error)}" +
            (error == FsError.ReadOnly && MountNote.Length > 0 ? $" ({MountNote})" : ""));

    /// <summary>Throws the failure unless <paramref name="error"/> is success.</summary>
    public void Require(FsError error, string path)
    {
        if (error != FsError.Success)
            throw Failure(path, error);
    }

    public NodeAttributes LStat(string path)
    {
        Require(Files.LStat(Name(path), out var attributes), path);
        return attributes;
    }

    public bool Exists(string path, out NodeAttributes attributes) => Files.Stat(Name(path), out attributes) == FsError.Success;

    /// <summary>Every name in a directory but "." and "..", sorted by their bytes.</summary>
    public List<DirectoryEntry> List(string path)
    {
        Require(Files.Open(Name(path), OpenFlags.ReadOnly | OpenFlags.Directory, 0, out var directory), path);
        var entries = new List<DirectoryEntry>();
        var error = directory!.Node.ReadDirectory(entries);
        directory.Close();
        Require(error, path);
        entries.RemoveAll(e => e.Name is [(byte)'.'] or [(byte)'.', (byte)'.']);
        entries.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        return entries;
    }

    /// <summary>Copies a regular file of the image to <paramref name="destination"/>.</summary>
    public void ReadFile(string path, Stream destination)
    {
        Require(Files.Open(Name(path), OpenFlags.ReadOnly, 0, out var file), path);
        try
        {
            if (file!.Node.Kind == NodeKind.Directory)
                throw Failure(path, FsError.IsADirectory);
            var buffer = new byte[1 << 16];
            for (long offset = 0; ; offset += buffer.Length)
            {
                Require(file.PRead(buffer, offset, out var read), path);
                if (read == 0)
                    break;
                destination.Write(buffer, 0, read);
            }
        }
        finally
        {
            file!.Close();
        }
    }

    /// <summary>
    /// Writes <paramref name="source"/> as a regular file of the image (replacing one), with its blocks of zeros left
    /// as holes, as mke2fs -d does for sparse files.
    /// </summary>
    public void WriteFile(string path, Stream source, uint permissions)
    {
        Require(Files.Open(Name(path), OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, permissions, out var file), path);
        try
        {
            var buffer = new byte[1 << 16];
            long offset = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (chunk.ContainsAnyExcept((byte)0))
                {
                    Require(file!.PWrite(chunk, offset, out var written), path);
                    if (written != read)
                        throw Failure(path, FsError.NoSpace);
                }
                offset += read;
            }
            Require(file!.Truncate(offset), path);
        }
        finally
        {
            file!.Close();
        }
        Require(Files.ChangeMode(Name(path), permissions), path);
    }

    /// <summary>Unmounts cleanly (superblock counts written, state clean, device flushed).</summary>
    public void Close()
    {
        if (_closed)
            return;
        _closed = true;
        var error = _fileSystem.Unmount();
        _device.Dispose();
        if (error != FsError.Success)
            throw new ToolchainException($"{Path}: unmounting failed: {FsErrorText.Describe(error)}");
    }

    public void Dispose()
    {
        if (_closed)
            return;
        _closed = true;
        _fileSystem.Unmount();
        _device.Dispose();
    }
}
