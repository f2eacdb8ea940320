using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Toolchain.Disks;

/// <summary>
/// Copies between the host's file tree and an image's: regular files, directories and symbolic links, with their
/// permission bits and modification times (owners become root, uid and gid 0, the guest's only user). Image nodes
/// of other kinds are skipped with a warning; on the host, .NET cannot tell a FIFO from a file, so trees to copy in
/// must not hold FIFOs. Progress goes to <paramref name="progress"/> about once a second.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class HostTreeCopy(DiskImage image, TextWriter progress)
{
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private bool _reported;

    public long Files { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Copies each entry of the host directory <paramref name="source"/> into the image's directory <paramref name="destination"/>.</summary>
    public void CopyContentsIn(string source, string destination)
    {
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
            CopyIn(entry, DiskImage.Join(destination, entry.Name));
        FinishProgress();
    }

    /// <summary>Copies one host entry (a directory with everything under it) to <paramref name="destination"/> in the image.</summary>
    public void CopyIn(FileSystemInfo source, string destination)
    {
        if (source.LinkTarget is { } target)
        {
            var existing = image.Files.LStat(DiskImage.Name(destination), out _) == FsError.Success;
            if (existing)
                image.Require(image.Files.Unlink(DiskImage.Name(destination)), destination);
            image.Require(image.Files.SymbolicLink(DiskImage.Name(target), DiskImage.Name(destination)), destination);
            SetTime(destination, source.LastWriteTimeUtc, followSymbolicLinks: false);
            Count(0);
            return;
        }
        switch (source)
        {
            case DirectoryInfo directory:
                var error = image.Files.MakeDirectory(DiskImage.Name(destination), Permissions(directory));
                if (error == FsError.Exists && image.LStat(destination).Kind == NodeKind.Directory)
                    error = FsError.Success;
                image.Require(error, destination);
                foreach (var entry in directory.EnumerateFileSystemInfos())
                    CopyIn(entry, DiskImage.Join(destination, entry.Name));
                // Last: adding the entries changed the directory's time.
                image.Require(image.Files.ChangeMode(DiskImage.Name(destination), Permissions(directory)), destination);
                SetTime(destination, directory.LastWriteTimeUtc, followSymbolicLinks: true);
                Count(0);
                break;
            case FileInfo file:
                using (var stream = file.OpenRead())
                    image.WriteFile(destination, stream, Permissions(file));
                SetTime(destination, file.LastWriteTimeUtc, followSymbolicLinks: true);
                Count(file.Length);
                break;
            default:
                progress.WriteLine($"sharprun: skipping {source.FullName}: not a regular file, directory or symbolic link");
                break;
        }
    }

    /// <summary>Copies the image's <paramref name="source"/> (a directory only when <paramref name="recursive"/>) to the host path <paramref name="destination"/>.</summary>
    public void CopyOut(string source, string destination, bool recursive)
    {
        var attributes = image.LStat(source);
        switch (attributes.Kind)
        {
            case NodeKind.SymbolicLink:
                image.Require(image.Files.ReadLink(DiskImage.Name(source), out var target), source);
                if (File.Exists(destination) || Directory.Exists(destination) || new FileInfo(destination).LinkTarget is not null)
                    File.Delete(destination);
                File.CreateSymbolicLink(destination, Encoding.UTF8.GetString(target));
                Count(0);
                break;
            case NodeKind.Directory:
                if (!recursive)
                    throw new ToolchainException($"{image.Path}:{source} is a directory (use -r to copy directories)");
                Directory.CreateDirectory(destination);
                foreach (var entry in image.List(source))
                {
                    var name = Encoding.UTF8.GetString(entry.Name);
                    CopyOut(DiskImage.Join(source, name), Path.Combine(destination, name), recursive);
                }
                File.SetUnixFileMode(destination, (UnixFileMode)attributes.Permissions);
                Directory.SetLastWriteTimeUtc(destination, Time(attributes.ModifyTime));
                Count(0);
                break;
            case NodeKind.RegularFile:
                using (var stream = new FileStream(destination, FileMode.Create, FileAccess.Write))
                    image.ReadFile(source, stream);
                File.SetUnixFileMode(destination, (UnixFileMode)attributes.Permissions);
                File.SetLastWriteTimeUtc(destination, Time(attributes.ModifyTime));
                Count(attributes.Size);
                break;
            default:
                progress.WriteLine($"sharprun: skipping {image.Path}:{source}: not a regular file, directory or symbolic link");
                break;
        }
    }

    public void FinishProgress()
    {
        if (_reported)
            progress.WriteLine($"sharprun: copied {Files} entries ({Bytes / (1024.0 * 1024):0.0} MiB)");
    }

    private static uint Permissions(FileSystemInfo entry) => (uint)File.GetUnixFileMode(entry.FullName) & 0xFFF;

    private void SetTime(string path, DateTime utc, bool followSymbolicLinks)
    {
        var nanoseconds = (utc - DateTime.UnixEpoch).Ticks * 100;
        image.Require(image.Files.SetTimes(DiskImage.Name(path), nanoseconds, nanoseconds, followSymbolicLinks), path);
    }

    private static DateTime Time(long nanoseconds) => DateTime.UnixEpoch.AddTicks(nanoseconds / 100);

    private void Count(long bytes)
    {
        Files++;
        Bytes += bytes;
        if (_sinceProgress.ElapsedMilliseconds >= 1000)
        {
            progress.WriteLine($"sharprun: {Files} entries copied ({Bytes / (1024.0 * 1024):0.0} MiB)...");
            _sinceProgress.Restart();
            _reported = true;
        }
    }
}
