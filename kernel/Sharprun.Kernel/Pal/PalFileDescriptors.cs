using System.Runtime;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The descriptor-based I/O of pal_io.h. Descriptors 0, 1 and 2 (and their duplicates) are the console, which
/// behaves like a pipe to the host: not a terminal, not seekable, stdin at end of file. Other descriptors are
/// objects (<see cref="OpenFileDescription"/>: sockets, files), to which these calls are passed on. The calls that
/// only files give meaning to (PRead, LSeek, FStat, FLock...) live with the file PAL an image links: Sharprun.Vfs.Pal,
/// or Sharprun.EmptyRoot.Pal, where every descriptor is a stream.
/// </summary>
public static unsafe class PalFileDescriptors
{
    [RuntimeExport("SystemNative_Read")]
    public static int Read(nint fd, byte* buffer, int count)
    {
        DescriptorKind kind = DescriptorTable.Get(fd);
        if (kind == DescriptorKind.Closed)
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        if (count < 0)
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        if (buffer == null && count > 0)
        {
            return PalErrors.Fail(LinuxErrno.EFAULT);
        }

        if (kind == DescriptorKind.Description)
        {
            return DescriptorTable.GetDescription(fd) is { } description
                ? Transferred(description.Read(new System.Span<byte>(buffer, count), out int read), read)
                : PalErrors.Fail(LinuxErrno.EBADF);
        }

        // The output streams are write-only, like a descriptor opened O_WRONLY.
        return kind == DescriptorKind.ConsoleInput ? ConsoleInput.Read(buffer, count) : PalErrors.Fail(LinuxErrno.EBADF);
    }

    [RuntimeExport("SystemNative_Write")]
    public static int Write(nint fd, byte* buffer, int count)
    {
        DescriptorKind kind = DescriptorTable.Get(fd);
        if (kind is not (DescriptorKind.ConsoleOutput or DescriptorKind.ConsoleError or DescriptorKind.Description))
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        if (count < 0)
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        if (buffer == null && count > 0)
        {
            return PalErrors.Fail(LinuxErrno.EFAULT);
        }

        if (kind == DescriptorKind.Description)
        {
            return DescriptorTable.GetDescription(fd) is { } description
                ? Transferred(description.Write(new System.ReadOnlySpan<byte>(buffer, count), out int written), written)
                : PalErrors.Fail(LinuxErrno.EBADF);
        }

        if (count > 0)
        {
            ConsoleStream stream = kind == DescriptorKind.ConsoleOutput ? ConsoleStream.Out : ConsoleStream.Error;
            Hypercalls.ConsoleWrite(stream, buffer, count);
        }

        return count;
    }

    [RuntimeExport("SystemNative_Close")]
    public static int Close(nint fd) => DescriptorTable.Close(fd) ? 0 : PalErrors.Fail(LinuxErrno.EBADF);

    [RuntimeExport("SystemNative_Dup")]
    public static nint Dup(nint oldfd)
    {
        if (DescriptorTable.Get(oldfd) == DescriptorKind.Closed)
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        nint newfd = DescriptorTable.Duplicate(oldfd);
        return newfd >= 0 ? newfd : PalErrors.Fail(LinuxErrno.EMFILE);
    }

    /// <summary>The -1/errno convention of read and write for an object's result.</summary>
    private static int Transferred(LinuxErrno error, int count) => error == 0 ? count : PalErrors.Fail(error);

    /// <summary>
    /// Reports which descriptors are ready. Console output never blocks and standard input is at end of file, so
    /// their readiness is known at once; objects (sockets) are waited for on their readiness monitor. A finite
    /// timeout with nothing ready is waited out; an infinite one with nothing that can become ready panics.
    /// Returns a PAL error code, not -1/errno.
    /// </summary>
    [RuntimeExport("SystemNative_Poll")]
    public static int Poll(PollEvent* pollEvents, uint eventCount, int timeout, uint* triggered)
    {
        if (triggered == null || (pollEvents == null && eventCount != 0))
        {
            return (int)PalError.EFAULT;
        }

        if (eventCount > DescriptorTable.Capacity)
        {
            return (int)PalError.EINVAL;
        }

        object? monitor = null;
        for (uint index = 0; index < eventCount; index++)
        {
            object? own = DescriptorTable.GetDescription(pollEvents[index].FileDescriptor)?.ReadinessMonitor;
            if (own == null)
                continue;
            // One monitor serves all sockets (the network stack's lock); files have none: they are always ready.
            if (monitor != null && monitor != own)
                return (int)PalError.ENOTSUP;
            monitor = own;
        }

        uint ready;
        if (monitor == null)
        {
            ready = CollectReadiness(pollEvents, eventCount);
            if (ready == 0)
            {
                if (timeout < 0)
                {
                    Panic.Fail("SystemNative_Poll: waiting forever on descriptors that cannot become ready (only console descriptors)");
                }

                if (timeout > 0)
                    Threading.Scheduler.SleepUntil(Hypercalls.MonotonicNanoseconds() + (ulong)timeout * 1_000_000);
            }
        }
        else
        {
            ulong deadline = timeout < 0 ? ulong.MaxValue : Hypercalls.MonotonicNanoseconds() + (ulong)timeout * 1_000_000;
            System.Threading.Monitor.Enter(monitor);
            try
            {
                while ((ready = CollectReadiness(pollEvents, eventCount)) == 0)
                {
                    ulong now = Hypercalls.MonotonicNanoseconds();
                    if (now >= deadline)
                        break;
                    int wait = deadline == ulong.MaxValue ? System.Threading.Timeout.Infinite : (int)System.Math.Min((deadline - now + 999_999) / 1_000_000, int.MaxValue);
                    System.Threading.Monitor.Wait(monitor, wait);
                }
            }
            finally
            {
                System.Threading.Monitor.Exit(monitor);
            }
        }

        *triggered = ready;
        return (int)PalError.SUCCESS;
    }

    private static uint CollectReadiness(PollEvent* pollEvents, uint eventCount)
    {
        uint ready = 0;
        for (uint index = 0; index < eventCount; index++)
        {
            PollEvent* entry = &pollEvents[index];
            entry->TriggeredEvents = ReadinessOf(entry->FileDescriptor, entry->Events);
            if (entry->TriggeredEvents != PollEvents.None)
            {
                ready++;
            }
        }

        return ready;
    }

    private static PollEvents ReadinessOf(int fd, PollEvents requested)
    {
        // Negative descriptors are skipped, as poll(2) does.
        if (fd < 0)
        {
            return PollEvents.None;
        }

        return DescriptorTable.Get(fd) switch
        {
            DescriptorKind.Closed => PollEvents.Invalid,

            // At end of file a read returns 0 at once and the writer side is gone for good; while the host feeds
            // input, whether bytes are waiting is only known by reading.
            DescriptorKind.ConsoleInput => ConsoleInput.ReadWouldNotBlock ? (requested & PollEvents.In) | PollEvents.HangUp : PollEvents.None,
            DescriptorKind.Description => DescriptorTable.GetDescription(fd)?.Readiness(requested) ?? PollEvents.Invalid,
            _ => requested & PollEvents.Out,
        };
    }
}
