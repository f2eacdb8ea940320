namespace Sharprun.Hypercall;

/// <summary>
/// Block devices on Xen: blkfront is a later job, so a Xen guest has no disk yet. The members answer as bare
/// metal's do for a disk number out of range (no sectors, nothing read-only or flushing, ENODEV for every request,
/// no completions), which every number is while the count is 0.
/// </summary>
public static unsafe partial class Hypercalls
{
    private const int BlockNoDevice = 19;

    /// <summary>Number of disks: always 0 until blkfront exists (bare metal finds its virtio-blk devices on the first call).</summary>
    public static int BlockDeviceCount => 0;

    public static ulong GetBlockSectorCount(int disk) => 0;

    public static int GetBlockSectorSize(int disk) => 0;

    public static bool IsBlockDeviceReadOnly(int disk) => false;

    public static bool BlockDeviceFlushes(int disk) => false;

    public static int GetBlockMaxSegments(int disk) => 0;

    public static int GetBlockMaxRequests(int disk) => 0;

    /// <summary>ENODEV (19): there is no disk to queue on.</summary>
    public static int BlockSubmit(int disk, int operation, ulong sector, ulong* addresses, uint* lengths, int count, ulong tag) => BlockNoDevice;

    /// <summary>0: nothing completes without a disk.</summary>
    public static int BlockComplete(int disk, ulong* tags, int* statuses, int capacity) => 0;

    /// <summary>False: no disk interrupts.</summary>
    public static bool TakeBlockEvents() => false;
}
