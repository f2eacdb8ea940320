using Sharprun.Hypercall.Boot;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall;

/// <summary>
/// The hypercall interface: everything the kernel asks of the machine. Every platform
/// (bare metal, Xen, hosted) provides this class with the same public surface.
/// Beneath the runtime: no allocation, no exceptions, no blocking locks.
/// </summary>
public static unsafe partial class Hypercalls
{
    /// <summary>Writes bytes to one of the console streams; returns when they are sent.</summary>
    public static void ConsoleWrite(ConsoleStream stream, byte* data, int length) =>
        SerialConsole.Write(stream, data, length);

    /// <summary>The kernel command line as NUL-terminated UTF-8 (empty string when the loader gave none).</summary>
    public static byte* CommandLine => BootCommandLine.Text;

    /// <summary>Number of usable RAM ranges in the boot memory map.</summary>
    public static int MemoryRegionCount => UsableMemoryMap.Count;

    /// <summary>The <paramref name="index"/>-th usable RAM range, already excluding the image itself and the boot structures.</summary>
    public static MemoryRegion GetMemoryRegion(int index) => UsableMemoryMap.Get(index);

    /// <summary>
    /// Sets what the CPU allows on the pages of [address, address + length) (rounded up to whole pages), e.g.
    /// <see cref="PageAccess.None"/> on the lowest page of a thread's stack to make it a guard page, and
    /// <see cref="PageAccess.ReadWrite"/> before giving the memory back. False, with nothing changed, when the
    /// address is not page-aligned, the range is empty, touches page 0, the image or memory that is not mapped,
    /// or the platform has no page table left to split a large page with (see <see cref="AddSparePageTable"/>).
    /// </summary>
    public static bool ProtectPages(ulong address, ulong length, PageAccess access) => PageTables.Protect(address, length, access);

    /// <summary>
    /// True when <paramref name="address"/> lies in a page made inaccessible on purpose (a stack's guard page,
    /// or <see cref="PageAccess.None"/>), so a fault there is a stack overflow rather than a wild pointer.
    /// </summary>
    public static bool IsGuardPage(ulong address) => PageTables.IsGuardPage(address);

    /// <summary>Monotonic time since boot, in nanoseconds.</summary>
    public static ulong MonotonicNanoseconds() => Clock.MonotonicNanoseconds();

    /// <summary>Wall-clock time (UTC) in nanoseconds since 1970-01-01T00:00:00Z; 1970 itself when the machine has no usable clock.</summary>
    public static ulong WallClockNanoseconds() => RealTimeClock.WallClockNanoseconds();

    /// <summary>
    /// Fills <paramref name="buffer"/> with entropy from the CPU, good enough to seed hashing and Random, with what a
    /// virtio-rng device delivered mixed in when the machine has one and the network started it (see
    /// <see cref="NetworkInterfaceCount"/>): devices are found on first use of the network, not at boot.
    /// </summary>
    public static void GetEntropy(byte* buffer, int length)
    {
        Entropy.Fill(buffer, length);
        // Only a pointer check until PCI enumeration started the device, so this call roots no PCI or virtio code.
        VirtioEntropySource.MixInto(buffer, length);
    }

    /// <summary>Ends the guest: the host sees <paramref name="exitCode"/> as the application's exit code.</summary>
    public static void Exit(int exitCode) => PowerControl.Exit(exitCode);

    /// <summary>Ends the guest after a kernel panic (the report was already written to the kernel console).</summary>
    public static void Panic() => PowerControl.Panic();

    /// <summary>
    /// Arms the one-shot timer: an interrupt arrives once <see cref="MonotonicNanoseconds"/> &gt;= the deadline (at
    /// once for a deadline in the past), never before. Replaces any earlier deadline; <see cref="ulong.MaxValue"/> disarms it.
    /// </summary>
    public static void SetTimer(ulong deadlineNanoseconds) => DeadlineTimer.Set(deadlineNanoseconds);

    /// <summary>
    /// Non-blocking read of console input received so far (bytes typed on the serial console); 0 when there is
    /// none. Input arrival raises an interrupt, so the kernel's interrupt-exit hook sees it.
    /// </summary>
    public static int ConsoleRead(byte* buffer, int length) => SerialConsole.Read(buffer, length);

    /// <summary>
    /// Registers a handler for ISA IRQ <paramref name="line"/> (0–15), routed through the I/O APIC. The handler runs
    /// on the interrupt stack with interrupts disabled and must not allocate, throw or block. False when the line is
    /// out of range or already taken (IRQ 4, COM1, is the console's).
    /// </summary>
    public static bool RegisterInterrupt(int line, delegate* unmanaged<void> handler) => InterruptDispatcher.Register(line, handler);

    /// <summary>Page tables set aside for <see cref="ProtectPages"/> to split 2 MiB mappings with (one per split).</summary>
    public static int SparePageTableCount => PageTables.SpareTableCount;

    /// <summary>
    /// Gives the platform a 4 KiB page of RAM for good, to split 2 MiB mappings with (any content; the platform
    /// overwrites it). A page that is not page-aligned RAM outside the image is a kernel bug and panics.
    /// </summary>
    public static void AddSparePageTable(ulong pageAddress) => PageTables.AddSpareTable(pageAddress);
}
