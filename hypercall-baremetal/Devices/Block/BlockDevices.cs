using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices.Pci;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// The disks PCI enumeration found (0..3, in PCI order), behind the block part of the hypercall interface. Every
/// call on a disk runs with interrupts disabled, so two threads' requests never meet halfway in a ring; the
/// interrupt handler itself only raises the event flag.
/// </summary>
internal static unsafe class BlockDevices
{
    public const int MaxDisks = 4;

    private static Table s_disks;
    private static int s_count;

    public static int Count => s_count;

    /// <summary>Starts the virtio-blk device at <paramref name="function"/> as the next disk and logs it, or logs why not.</summary>
    public static void Add(PciAddress function)
    {
        int number = s_count;
        if (number == MaxDisks)
        {
            SerialConsole.WriteKernel("blk: more than 4 disks; the rest are not used\n");
            return;
        }
        bool messages = MsixTable.TryFindCapability(function, out _);
        int vector = messages ? InterruptDispatcher.AllocateMessageVector(&OnInterrupt, number) : -1;
        string? failure = "no interrupt vector left";
        if ((messages && vector < 0) || !s_disks[number].TryStart(function, vector, out failure)
            || !PciInterruptLines.TryClaim(s_disks[number].LegacyLine, &PollLegacy, out failure))
        {
            SerialConsole.WriteKernel("blk: virtio-blk at PCI ");
            SerialConsole.WriteKernelDecimal(function.Bus);
            SerialConsole.WriteKernel(":");
            SerialConsole.WriteKernelDecimal(function.Device);
            SerialConsole.WriteKernel(".");
            SerialConsole.WriteKernelDecimal(function.Function);
            SerialConsole.WriteKernel(" not used: ");
            SerialConsole.WriteKernel(failure ?? "unknown reason");
            SerialConsole.WriteKernel("\n");
            s_disks[number] = default;
            return;
        }
        s_count++;
        Log(number);
    }

    public static ulong SectorCount(int disk) => IsValid(disk) ? s_disks[disk].SectorCount : 0;

    public static int SectorSize(int disk) => IsValid(disk) ? s_disks[disk].SectorSize : 0;

    public static bool IsReadOnly(int disk) => IsValid(disk) && s_disks[disk].IsReadOnly;

    public static bool Flushes(int disk) => IsValid(disk) && s_disks[disk].Flushes;

    public static int MaxSegments(int disk) => IsValid(disk) ? s_disks[disk].MaxSegments : 0;

    public static int MaxRequests(int disk) => IsValid(disk) ? s_disks[disk].MaxRequests : 0;

    public static int Submit(int disk, int operation, ulong sector, ulong* addresses, uint* lengths, int count, ulong tag)
    {
        if (!IsValid(disk))
            return BlockErrno.NoDevice;
        bool enabled = ThreadContext.DisableInterrupts();
        int result = s_disks[disk].Submit(operation, sector, addresses, lengths, count, tag);
        if (enabled)
            ThreadContext.EnableInterrupts();
        return result;
    }

    public static int Complete(int disk, ulong* tags, int* statuses, int capacity)
    {
        if (!IsValid(disk) || tags == null || statuses == null || capacity <= 0)
            return 0;
        bool enabled = ThreadContext.DisableInterrupts();
        int taken = s_disks[disk].Complete(tags, statuses, capacity);
        if (enabled)
            ThreadContext.EnableInterrupts();
        return taken;
    }

    /// <summary>Every disk's one vector: requests completed. Nothing to acknowledge with MSI-X.</summary>
    private static void OnInterrupt(int disk) => BlockEventFlag.Raise();

    /// <summary>
    /// Every INTx interrupt: the lines are level-triggered and may be shared, so each disk's ISR status is read
    /// (which deasserts it) before the acknowledgement, whichever of them interrupted.
    /// </summary>
    private static void PollLegacy()
    {
        bool raised = false;
        for (int disk = 0; disk < s_count; disk++)
            raised |= s_disks[disk].TakeLegacyInterrupt();
        if (raised)
            BlockEventFlag.Raise();
    }

    private static bool IsValid(int disk) => (uint)disk < (uint)s_count;

    /// <summary>"blk: disk 0 virtio-blk 131072 sectors of 512 bytes, read-write, flush, 32 requests of 6 segments (MSI-X)", or "(INTx, IRQ 11)".</summary>
    private static void Log(int disk)
    {
        ref VirtioBlockDevice device = ref s_disks[disk];
        SerialConsole.WriteKernel("blk: disk ");
        SerialConsole.WriteKernelDecimal((ulong)disk);
        SerialConsole.WriteKernel(" virtio-blk ");
        SerialConsole.WriteKernelDecimal(device.SectorCount);
        SerialConsole.WriteKernel(" sectors of ");
        SerialConsole.WriteKernelDecimal((ulong)device.SectorSize);
        SerialConsole.WriteKernel(device.IsReadOnly ? " bytes, read-only" : " bytes, read-write");
        SerialConsole.WriteKernel(device.Flushes ? ", flush, " : ", no flush, ");
        SerialConsole.WriteKernelDecimal((ulong)device.MaxRequests);
        SerialConsole.WriteKernel(" requests of ");
        SerialConsole.WriteKernelDecimal((ulong)device.MaxSegments);
        SerialConsole.WriteKernel(" segments");
        int line = device.LegacyLine;
        if (line < 0)
        {
            SerialConsole.WriteKernel(" (MSI-X)\n");
            return;
        }
        SerialConsole.WriteKernel(" (INTx, IRQ ");
        SerialConsole.WriteKernelDecimal((ulong)line);
        SerialConsole.WriteKernel(")\n");
    }

    [InlineArray(MaxDisks)]
    private struct Table
    {
        private VirtioBlockDevice _first;
    }
}
