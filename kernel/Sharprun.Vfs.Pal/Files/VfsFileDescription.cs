using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Files;

/// <summary>
/// A descriptor of a file of the VFS, in the same table as the console and sockets: the faction's
/// <see cref="OpenFile"/> with the PAL's errno convention. Files are always ready, so poll never waits on them.
/// </summary>
internal sealed class VfsFileDescription : OpenFileDescription
{
    private const int LockNonBlocking = 4;

    /// <summary>The one process: the owner of every POSIX record lock.</summary>
    public static readonly object Process = new();

    public VfsFileDescription(VirtualFileSystem tree, OpenFile file)
    {
        Tree = tree;
        File = file;
        IsNonBlocking = (file.Flags & OpenFlags.NonBlocking) != 0;
    }

    public VirtualFileSystem Tree { get; }

    /// <summary>The file open at <paramref name="fd"/>, or what to answer: EBADF when closed, <paramref name="otherError"/> for a console stream or a socket.</summary>
    public static LinuxErrno Find(nint fd, LinuxErrno otherError, out VfsFileDescription? file)
    {
        file = null;
        DescriptorKind kind = DescriptorTable.Get(fd);
        if (kind == DescriptorKind.Closed)
            return LinuxErrno.EBADF;
        file = DescriptorTable.GetDescription(fd) as VfsFileDescription;
        return file == null ? otherError : 0;
    }

    public OpenFile File { get; }

    public override int FileType => NativeFileStatus.TypeBits(File.Node.Kind);

    public override object? ReadinessMonitor => null;

    /// <summary>A file never makes a reader or writer wait, as poll(2) reports for regular files.</summary>
    public override PollEvents Readiness(PollEvents requested) => requested & (PollEvents.In | PollEvents.Out);

    public long FileSystemType => File.Node.FileSystem.Magic;

    public override LinuxErrno Read(Span<byte> buffer, out int read) => FileErrors.ToErrno(File.Read(buffer, out read));

    public override LinuxErrno Write(ReadOnlySpan<byte> data, out int written) => FileErrors.ToErrno(File.Write(data, out written));

    public LinuxErrno ReadAt(Span<byte> buffer, long offset, out int read) =>
        FileErrors.ToErrno(File.PRead(buffer, offset, out read));

    public LinuxErrno Seek(long offset, int whence, out long position) =>
        FileErrors.ToErrno(File.Seek(offset, whence, out position));

    public LinuxErrno Stat(out FileStatus status)
    {
        FsError error = File.Stat(out NodeAttributes attributes);
        status = error == FsError.Success ? NativeFileStatus.From(attributes) : default;
        return FileErrors.ToErrno(error);
    }

    public LinuxErrno Truncate(long length) => FileErrors.ToErrno(File.Truncate(length));

    /// <summary>fallocate mode 0: the file grows to cover the range (tmpfs allocates pages when written, so nothing more).</summary>
    public LinuxErrno Allocate(long offset, long length)
    {
        FsError error = File.Stat(out NodeAttributes attributes);
        if (error != FsError.Success)
            return FileErrors.ToErrno(error);
        if (!File.CanWrite)
            return LinuxErrno.EBADF;
        if (attributes.Kind != NodeKind.RegularFile)
            return attributes.Kind == NodeKind.Directory ? LinuxErrno.EISDIR : LinuxErrno.ENODEV;
        long end = offset + length;
        if (end < 0)
            return LinuxErrno.EFBIG;
        return end <= attributes.Size ? 0 : FileErrors.ToErrno(File.Truncate(end));
    }

    /// <summary>flock(2): a blocking request waits on the tree's lock until a release pulses it.</summary>
    public LinuxErrno Lock(int operation)
    {
        lock (Tree.Sync)
        {
            FsError error;
            while ((error = File.Flock(operation)) == FsError.WouldBlock && (operation & LockNonBlocking) == 0)
                Monitor.Wait(Tree.Sync);
            return FileErrors.ToErrno(error);
        }
    }

    /// <summary>The last close: record locks go too (POSIX drops them at any close; one process holds them all, so the last close is near enough).</summary>
    protected override void Release()
    {
        File.ReleaseRegionLocks(Process);
        File.Close();
    }
}
