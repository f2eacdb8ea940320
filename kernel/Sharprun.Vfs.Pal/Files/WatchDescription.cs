using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Pal.Native;
using Sharprun.Vfs.Watches;

namespace Sharprun.Vfs.Pal.Files;

/// <summary>
/// An inotify descriptor, in the same table as files, sockets and the console: read(2) blocks until an event is
/// queued (EAGAIN with O_NONBLOCK), poll reports POLLIN while events wait, and the last close drops the watches.
/// Waiting is on the tree's lock, which the faction pulses whenever it queues an event.
/// </summary>
internal sealed class WatchDescription(VirtualFileSystem tree, WatchInstance instance) : OpenFileDescription
{
    /// <summary>An anonymous inode, as Linux's inotify descriptor is: no file type bits in fstat's mode.</summary>
    public override int FileType => 0;

    public WatchInstance Instance { get; } = instance;

    public override object? ReadinessMonitor => tree.Sync;

    /// <summary>The inotify instance open at <paramref name="fd"/>: EBADF when closed, EINVAL for any other descriptor, as inotify_add_watch answers.</summary>
    public static LinuxErrno Find(nint fd, out WatchDescription? description)
    {
        description = null;
        if (DescriptorTable.Get(fd) == DescriptorKind.Closed)
            return LinuxErrno.EBADF;
        description = DescriptorTable.GetDescription(fd) as WatchDescription;
        return description == null ? LinuxErrno.EINVAL : 0;
    }

    public override PollEvents Readiness(PollEvents requested) => Instance.HasEvents ? requested & PollEvents.In : PollEvents.None;

    public override LinuxErrno Read(Span<byte> buffer, out int read)
    {
        lock (tree.Sync)
        {
            FsError error;
            while ((error = Instance.Read(buffer, out read)) == FsError.WouldBlock && !IsNonBlocking)
                Monitor.Wait(tree.Sync);
            return FileErrors.ToErrno(error);
        }
    }

    /// <summary>An inotify descriptor is open for reading only: a write is EBADF, as on Linux.</summary>
    public override LinuxErrno Write(ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        return LinuxErrno.EBADF;
    }

    protected override void Release() => Instance.Close();
}
