using Sharprun.Hypercall.Devices.Block;
using Sharprun.Hypercall.Devices.Pci;

namespace Sharprun.Hypercall;

/// <summary>
/// Block devices: the virtio-blk devices found on PCI (up to 4), asynchronous requests straight from and into the
/// caller's memory, completions collected by tag. Interrupts only raise a flag the kernel takes at interrupt exit
/// (<see cref="TakeBlockEvents"/>). As for the network, PCI is enumerated and the drivers started on the first
/// <see cref="BlockDeviceCount"/>, so images without disks carry none of that code; until then there is no disk,
/// every number is out of range. Submit and complete run beneath the runtime: no allocation, no exception, no
/// blocking; they disable interrupts inside, so any thread may call them.
/// </summary>
public static unsafe partial class Hypercalls
{
    /// <summary>
    /// Number of disks (0..4), numbered 0..count-1 in PCI order. The first call (of this or
    /// <see cref="NetworkInterfaceCount"/>) finds and starts every device, taking rings from the kernel's page
    /// allocator: call it from a kernel thread, never from an interrupt handler. Later calls only read the count.
    /// </summary>
    public static int BlockDeviceCount
    {
        get
        {
            PciEnumeration.EnsureRun();
            return BlockDevices.Count;
        }
    }

    /// <summary>The disk's size in units of <see cref="GetBlockSectorSize"/> (a partial last block is not counted); 0 for no such disk.</summary>
    public static ulong GetBlockSectorCount(int disk) => BlockDevices.SectorCount(disk);

    /// <summary>512, or the device's block size when it states one (BLK_SIZE, a power of two up to 64 KiB).</summary>
    public static int GetBlockSectorSize(int disk) => BlockDevices.SectorSize(disk);

    /// <summary>Whether the device refuses writes (VIRTIO_BLK_F_RO: QEMU's readonly=on).</summary>
    public static bool IsBlockDeviceReadOnly(int disk) => BlockDevices.IsReadOnly(disk);

    /// <summary>
    /// Whether the device has a write cache that a flush empties (VIRTIO_BLK_F_FLUSH). Without it writes are on the
    /// medium when they complete, and <see cref="BlockSubmit"/> refuses a flush with EOPNOTSUPP: the caller then
    /// has nothing to flush.
    /// </summary>
    public static bool BlockDeviceFlushes(int disk) => BlockDevices.Flushes(disk);

    /// <summary>
    /// The most data segments one request may carry: the descriptors of its ring slot, and at most the device's
    /// seg_max. A segment longer than the device's size_max counts as several.
    /// </summary>
    public static int GetBlockMaxSegments(int disk) => BlockDevices.MaxSegments(disk);

    /// <summary>How many requests can be in flight on the disk at once (up to 32); one more gets EAGAIN.</summary>
    public static int GetBlockMaxRequests(int disk) => BlockDevices.MaxRequests(disk);

    /// <summary>
    /// Queues one request: <paramref name="operation"/> 0 reads, 1 writes, <paramref name="count"/> segments of
    /// <paramref name="lengths"/>[i] bytes at <paramref name="addresses"/>[i] (identity-mapped memory, any alignment,
    /// each length a multiple of 512, the total a multiple of the sector size), from <paramref name="sector"/> (in
    /// sector-size units); 2 flushes the device's write cache (count 0, null arrays, sector ignored). The memory must
    /// stay put until the request completes. Returns 0 when queued (its completion comes from
    /// <see cref="BlockComplete"/> under <paramref name="tag"/>), EAGAIN (11) when every request slot is in flight,
    /// ENODEV (19) for no such disk, EINVAL (22) for an unknown operation, a segment of length 0 or not a multiple of
    /// 512, more segments than <see cref="GetBlockMaxSegments"/>, or sectors beyond the disk, EROFS (30) for a
    /// write to a read-only disk, EOPNOTSUPP (95) for a flush when the device has no write cache
    /// (<see cref="BlockDeviceFlushes"/> false), EIO (5) once the device has broken the ring protocol.
    /// </summary>
    public static int BlockSubmit(int disk, int operation, ulong sector, ulong* addresses, uint* lengths, int count, ulong tag) =>
        BlockDevices.Submit(disk, operation, sector, addresses, lengths, count, tag);

    /// <summary>
    /// Copies up to <paramref name="capacity"/> finished requests of the disk: their tags and statuses (0 done, EIO
    /// (5) for the device's IOERR, EOPNOTSUPP (95) for its UNSUPP); returns how many, 0 when none has finished. Their
    /// slots are free again.
    /// </summary>
    public static int BlockComplete(int disk, ulong* tags, int* statuses, int capacity) =>
        BlockDevices.Complete(disk, tags, statuses, capacity);

    /// <summary>
    /// True when any disk interrupted (requests finished) since the last call; clears the flag. The kernel calls it at
    /// every interrupt exit, interrupts disabled, to wake the threads waiting for requests; it never enumerates PCI.
    /// </summary>
    public static bool TakeBlockEvents() => BlockEventFlag.Take();
}
