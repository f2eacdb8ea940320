using Sharprun.Hypercall;
using Sharprun.Kernel.Devices;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Vfs.Pal.Disks;

/// <summary>
/// A disk of the platform (virtio-blk, blkfront) as the file systems' synchronous <see cref="IBlockDevice"/>: a
/// transfer is cut into requests of at most <see cref="RequestBytes"/>, up to the device's limit of them in flight at
/// once, straight from and into the caller's memory (the collector does not move objects, and the buffer stays
/// pinned until every request of it has completed). Completions are shared: whichever waiting thread takes them
/// from the platform files them by tag, and wakes the others when it took some of theirs.
/// </summary>
internal sealed unsafe class HypercallBlockDevice : IBlockDevice
{
    private const int RequestBytes = 128 * 1024;
    private const int MaxInFlight = 32;
    private const int OperationRead = 0;
    private const int OperationWrite = 1;
    private const int OperationFlush = 2;
    private const int TryAgain = 11;

    private readonly int _disk;
    private readonly int _window;
    private readonly bool _flushes;
    private readonly Dictionary<ulong, int> _finished = [];
    private readonly object _completionSync = new();
    private long _nextTag;

    public HypercallBlockDevice(int disk)
    {
        _disk = disk;
        BlockEvents.Start();
        SectorSize = Hypercalls.GetBlockSectorSize(disk);
        SectorCount = (long)Hypercalls.GetBlockSectorCount(disk);
        IsReadOnly = Hypercalls.IsBlockDeviceReadOnly(disk);
        _window = Math.Clamp(Hypercalls.GetBlockMaxRequests(disk), 1, MaxInFlight);
        _flushes = Hypercalls.BlockDeviceFlushes(disk);
    }

    public int SectorSize { get; }

    public long SectorCount { get; }

    public bool IsReadOnly { get; }

    public FsError Read(long sector, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
            return Transfer(OperationRead, sector, start, buffer.Length);
    }

    public FsError Write(long sector, ReadOnlySpan<byte> data)
    {
        if (IsReadOnly)
            return FsError.ReadOnly;
        fixed (byte* start = data)
            return Transfer(OperationWrite, sector, start, data.Length);
    }

    /// <summary>Empties the device's write cache; a device without one (no flush) has written everything already.</summary>
    public FsError Flush()
    {
        if (!_flushes)
            return FsError.Success;
        ulong tag = NextTag();
        int submitted;
        while ((submitted = Hypercalls.BlockSubmit(_disk, OperationFlush, 0, null, null, 0, tag)) == TryAgain)
            WaitForAnyEvent();
        if (submitted != 0)
            return (FsError)submitted;
        Span<ulong> outstanding = [tag];
        return (FsError)WaitForOne(outstanding, 1, out _);
    }

    private FsError Transfer(int operation, long sector, byte* start, int length)
    {
        if (length % SectorSize != 0 || sector < 0 || sector > SectorCount - length / SectorSize)
            return FsError.InvalidArgument;
        Span<ulong> outstanding = stackalloc ulong[MaxInFlight];
        int inFlight = 0;
        int offset = 0;
        int result = 0;
        while (offset < length || inFlight > 0)
        {
            bool full = false;
            while (offset < length && inFlight < _window && result == 0)
            {
                int chunk = Math.Min(RequestBytes, length - offset);
                ulong tag = NextTag();
                ulong address = (ulong)(start + offset);
                uint bytes = (uint)chunk;
                int submitted = Hypercalls.BlockSubmit(_disk, operation, (ulong)(sector + offset / SectorSize), &address, &bytes, 1, tag);
                if (submitted == TryAgain)
                {
                    full = true;
                    break;
                }
                if (submitted != 0)
                {
                    result = submitted;
                    break;
                }
                outstanding[inFlight++] = tag;
                offset += chunk;
            }
            if (result != 0 && inFlight == 0)
                break;
            if (inFlight == 0)
            {
                // Every request slot is another thread's: wait until one of theirs completes.
                if (full)
                    WaitForAnyEvent();
                continue;
            }
            int status = WaitForOne(outstanding, inFlight, out int index);
            outstanding[index] = outstanding[--inFlight];
            if (result == 0)
                result = status;
        }
        return (FsError)result;
    }

    /// <summary>Waits until one of the first <paramref name="count"/> tags has completed; its status, and where it was.</summary>
    private int WaitForOne(Span<ulong> tags, int count, out int index)
    {
        while (true)
        {
            ulong generation = BlockEvents.Generation;
            lock (_completionSync)
            {
                TakeCompletions();
                for (index = 0; index < count; index++)
                {
                    if (_finished.Remove(tags[index], out int status))
                        return status;
                }
            }
            BlockEvents.WaitPast(generation);
        }
    }

    private void WaitForAnyEvent()
    {
        ulong generation = BlockEvents.Generation;
        lock (_completionSync)
            TakeCompletions();
        BlockEvents.WaitPast(generation);
    }

    /// <summary>Files every completion the platform holds; wakes the other waiters when some are theirs.</summary>
    private void TakeCompletions()
    {
        const int Batch = 16;
        ulong* tags = stackalloc ulong[Batch];
        int* statuses = stackalloc int[Batch];
        int before = _finished.Count;
        int taken;
        do
        {
            taken = Hypercalls.BlockComplete(_disk, tags, statuses, Batch);
            for (int i = 0; i < taken; i++)
                _finished[tags[i]] = statuses[i];
        }
        while (taken == Batch);
        if (_finished.Count > before)
            BlockEvents.Kick();
    }

    private ulong NextTag() => (ulong)Interlocked.Increment(ref _nextTag);
}
