using System;
using System.Threading;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// An open file description that is an object rather than a console stream: a socket, or a file of the VFS
/// (Sharprun.Vfs.Pal). Duplicated descriptors share one description (and its O_NONBLOCK flag), as on Linux; the last close
/// releases it. Code above the runtime: descriptions may allocate, lock and block.
/// </summary>
public abstract class OpenFileDescription
{
    private static long s_lastIdentity;

    private int _descriptors;

    /// <summary>A number no other description has: what fstat reports as the inode.</summary>
    public long Identity { get; } = Interlocked.Increment(ref s_lastIdentity);

    /// <summary>O_NONBLOCK, a file status flag: shared by every descriptor of this description.</summary>
    public bool IsNonBlocking { get; set; }

    /// <summary>The S_IFMT bits fstat reports (<see cref="FileStatus"/>'s Mode).</summary>
    public abstract int FileType { get; }

    /// <summary>read(2): bytes read (0 at end of file), or the errno of the failure.</summary>
    public abstract LinuxErrno Read(Span<byte> buffer, out int read);

    /// <summary>write(2): bytes written, or the errno of the failure.</summary>
    public abstract LinuxErrno Write(ReadOnlySpan<byte> data, out int written);

    /// <summary>The poll(2) events of <paramref name="requested"/> that hold now (errors and hang-ups always count).</summary>
    public abstract PollEvents Readiness(PollEvents requested);

    /// <summary>
    /// The monitor pulsed whenever this description's readiness may have changed (and held while reading it), so
    /// poll can wait for a change; null when readiness never changes.
    /// </summary>
    public abstract object? ReadinessMonitor { get; }

    /// <summary>Called once, when the last descriptor of this description is closed.</summary>
    protected abstract void Release();

    internal void AddDescriptor() => Interlocked.Increment(ref _descriptors);

    internal void RemoveDescriptor()
    {
        if (Interlocked.Decrement(ref _descriptors) == 0)
            Release();
    }
}
