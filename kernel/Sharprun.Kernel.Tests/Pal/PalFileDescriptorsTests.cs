using Sharprun.EmptyRoot.Pal.Exports;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>The console descriptors behave like pipes to the host. No test here writes bytes (that reaches the machine).</summary>
[Collection(PalTestCollection.Name)]
public sealed unsafe class PalFileDescriptorsTests
{
    private const int NeverOpened = 200;

    [Fact]
    public void StandardInputIsAtEndOfFile()
    {
        byte* buffer = stackalloc byte[16];
        Assert.Equal(0, PalFileDescriptors.Read(0, buffer, 16));
    }

    [Fact]
    public void ReadRejectsBadArguments()
    {
        byte* buffer = stackalloc byte[16];
        AssertFails(LinuxErrno.EBADF, PalFileDescriptors.Read(NeverOpened, buffer, 16));
        AssertFails(LinuxErrno.EBADF, PalFileDescriptors.Read(-1, buffer, 16));
        AssertFails(LinuxErrno.EINVAL, PalFileDescriptors.Read(0, buffer, -1));
        AssertFails(LinuxErrno.EFAULT, PalFileDescriptors.Read(0, null, 16));
        AssertFails(LinuxErrno.EBADF, PalFileDescriptors.Read(1, buffer, 16));
    }

    [Fact]
    public void WriteRejectsBadArguments()
    {
        byte* buffer = stackalloc byte[16];
        AssertFails(LinuxErrno.EBADF, PalFileDescriptors.Write(NeverOpened, buffer, 16));
        AssertFails(LinuxErrno.EBADF, PalFileDescriptors.Write(0, buffer, 16));
        AssertFails(LinuxErrno.EINVAL, PalFileDescriptors.Write(1, buffer, -5));
        AssertFails(LinuxErrno.EFAULT, PalFileDescriptors.Write(2, null, 16));
        Assert.Equal(0, PalFileDescriptors.Write(1, buffer, 0));
    }

    [Fact]
    public void ConsoleStreamsCannotSeek()
    {
        byte* buffer = stackalloc byte[16];
        AssertFails(LinuxErrno.ESPIPE, StreamDescriptors.PRead(0, buffer, 16, 0));
        AssertFails(LinuxErrno.EINVAL, StreamDescriptors.PRead(0, buffer, 16, -1));
        AssertFails(LinuxErrno.EBADF, StreamDescriptors.PRead(NeverOpened, buffer, 16, 0));
        AssertFails(LinuxErrno.ESPIPE, StreamDescriptors.LSeek(1, 0, 0));
        AssertFails(LinuxErrno.EINVAL, StreamDescriptors.LSeek(1, 0, 3));
        AssertFails(LinuxErrno.EBADF, StreamDescriptors.LSeek(NeverOpened, 0, 0));
    }

    [Fact]
    public void DupGivesTheLowestFreeNumberForTheSameStream()
    {
        nint first = PalFileDescriptors.Dup(1);
        nint second = PalFileDescriptors.Dup(2);
        try
        {
            Assert.True(first >= 3);
            Assert.Equal(first + 1, second);
            Assert.Equal(Inode(1), Inode(first));
            Assert.Equal(Inode(2), Inode(second));
            Assert.NotEqual(Inode(first), Inode(second));
        }
        finally
        {
            Assert.Equal(0, PalFileDescriptors.Close(first));
            Assert.Equal(0, PalFileDescriptors.Close(second));
        }

        AssertFails(LinuxErrno.EBADF, PalFileDescriptors.Close(first));
        AssertFails(LinuxErrno.EBADF, (int)PalFileDescriptors.Dup(first));
        Assert.Equal(first, PalFileDescriptors.Dup(0));
        Assert.Equal(0, PalFileDescriptors.Close(first));
    }

    [Fact]
    public void DupFailsWithEmfileWhenTheTableIsFull()
    {
        nint[] opened = new nint[DescriptorTable.Capacity];
        int count = 0;
        try
        {
            while (true)
            {
                nint fd = PalFileDescriptors.Dup(1);
                if (fd < 0)
                {
                    break;
                }

                opened[count++] = fd;
            }

            Assert.Equal((int)LinuxErrno.EMFILE, PalErrors.GetErrNo());
            Assert.Equal(DescriptorTable.Capacity - 3, count);
        }
        finally
        {
            for (int index = 0; index < count; index++)
            {
                PalFileDescriptors.Close(opened[index]);
            }
        }
    }

    [Fact]
    public void ConsoleStatusIsAPipe()
    {
        FileStatus status;
        Assert.Equal(0, StreamDescriptors.FStat(1, &status));
        Assert.Equal(FileStatus.TypeFifo, status.Mode & 0xF000);
        Assert.Equal(0, status.Size);
        AssertFails(LinuxErrno.EFAULT, StreamDescriptors.FStat(1, null));
        AssertFails(LinuxErrno.EBADF, StreamDescriptors.FStat(NeverOpened, &status));
    }

    [Fact]
    public void FLockAcceptsTheFlockOperations()
    {
        Assert.Equal(0, StreamDescriptors.FLock(1, 2));
        Assert.Equal(0, StreamDescriptors.FLock(1, 1 | 4));
        Assert.Equal(0, StreamDescriptors.FLock(1, 8));
        AssertFails(LinuxErrno.EINVAL, StreamDescriptors.FLock(1, 3));
        AssertFails(LinuxErrno.EINVAL, StreamDescriptors.FLock(1, 0));
        AssertFails(LinuxErrno.EINVAL, StreamDescriptors.FLock(1, 16));
        AssertFails(LinuxErrno.EBADF, StreamDescriptors.FLock(NeverOpened, 2));
    }

    [Fact]
    public void PollReportsConsoleReadiness()
    {
        PollEvent* events = stackalloc PollEvent[5];
        events[0] = new PollEvent { FileDescriptor = 0, Events = PollEvents.In };
        events[1] = new PollEvent { FileDescriptor = 1, Events = PollEvents.Out };
        events[2] = new PollEvent { FileDescriptor = 2, Events = PollEvents.In };
        events[3] = new PollEvent { FileDescriptor = NeverOpened, Events = PollEvents.In };
        events[4] = new PollEvent { FileDescriptor = -1, Events = PollEvents.In };
        uint triggered = 99;

        Assert.Equal((int)PalError.SUCCESS, PalFileDescriptors.Poll(events, 5, 0, &triggered));

        Assert.Equal(3u, triggered);
        Assert.Equal(PollEvents.In | PollEvents.HangUp, events[0].TriggeredEvents);
        Assert.Equal(PollEvents.Out, events[1].TriggeredEvents);
        Assert.Equal(PollEvents.None, events[2].TriggeredEvents);
        Assert.Equal(PollEvents.Invalid, events[3].TriggeredEvents);
        Assert.Equal(PollEvents.None, events[4].TriggeredEvents);
    }

    [Fact]
    public void PollWithNothingReadyAndNoTimeoutReturnsAtOnce()
    {
        PollEvent entry = new() { FileDescriptor = 1, Events = PollEvents.In };
        uint triggered = 99;
        Assert.Equal((int)PalError.SUCCESS, PalFileDescriptors.Poll(&entry, 1, 0, &triggered));
        Assert.Equal(0u, triggered);
    }

    [Fact]
    public void PollRejectsBadArguments()
    {
        PollEvent entry = new() { FileDescriptor = 1, Events = PollEvents.Out };
        uint triggered;
        Assert.Equal((int)PalError.EFAULT, PalFileDescriptors.Poll(&entry, 1, 0, null));
        Assert.Equal((int)PalError.EFAULT, PalFileDescriptors.Poll(null, 1, 0, &triggered));
        Assert.Equal((int)PalError.EINVAL, PalFileDescriptors.Poll(&entry, uint.MaxValue, 0, &triggered));
        Assert.Equal((int)PalError.SUCCESS, PalFileDescriptors.Poll(null, 0, 0, &triggered));
        Assert.Equal(0u, triggered);
    }

    private static long Inode(nint fd)
    {
        FileStatus status;
        Assert.Equal(0, StreamDescriptors.FStat(fd, &status));
        return status.Ino;
    }

    private static void AssertFails(LinuxErrno expected, long result)
    {
        Assert.Equal(-1, result);
        Assert.Equal((int)expected, PalErrors.GetErrNo());
    }
}
