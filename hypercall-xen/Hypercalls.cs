using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Boot;
using Sharprun.Hypercall.Console;
using Sharprun.Hypercall.Devices;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall;

/// <summary>
/// The hypercall interface on Xen (PVH DomU or dom0): the same public surface as hypercall-baremetal's, so the
/// kernel compiled against that assembly binds to this one unchanged.
/// Beneath the runtime: no allocation, no exceptions, no blocking locks.
/// </summary>
public static unsafe partial class Hypercalls
{
    /// <summary>Writes bytes to one of the console streams; returns when they are sent.</summary>
    public static void ConsoleWrite(ConsoleStream stream, byte* data, int length) =>
        XenConsole.Write(stream, data, length);

    /// <summary>The kernel command line as NUL-terminated UTF-8 (empty string when the loader gave none).</summary>
    public static byte* CommandLine => BootCommandLine.Text;

    /// <summary>Number of usable RAM ranges in the boot memory map.</summary>
    public static int MemoryRegionCount => UsableMemoryMap.Count;

    /// <summary>The <paramref name="index"/>-th usable RAM range, already excluding the image itself and the boot structures.</summary>
    public static MemoryRegion GetMemoryRegion(int index) => UsableMemoryMap.Get(index);

    /// <summary>
    /// Sets what the CPU allows on the pages of [address, address + length) (rounded up to whole pages), e.g.
    /// <see cref="PageAccess.None"/> for a thread stack's guard page. False, with nothing changed, when the address
    /// is not page-aligned, the range is empty, touches page 0, the image or unmapped memory, or no spare page
    /// table is left to split a large page with. A PVH guest owns its page tables: this is bare metal's code.
    /// </summary>
    public static bool ProtectPages(ulong address, ulong length, PageAccess access) => PageTables.Protect(address, length, access);

    /// <summary>True when <paramref name="address"/> lies in a page made inaccessible on purpose (a guard page).</summary>
    public static bool IsGuardPage(ulong address) => PageTables.IsGuardPage(address);

    /// <summary>Page tables kept aside for <see cref="ProtectPages"/> to split 2 MiB mappings with.</summary>
    public static int SparePageTableCount => PageTables.SpareTableCount;

    /// <summary>Gives the platform a zeroed, page-aligned 4 KiB page of RAM for page tables, for good.</summary>
    public static void AddSparePageTable(ulong pageAddress) => PageTables.AddSpareTable(pageAddress);

    /// <summary>Monotonic time since boot, in nanoseconds.</summary>
    public static ulong MonotonicNanoseconds() => Clock.MonotonicNanoseconds();

    /// <summary>
    /// Arms the one-shot timer: an upcall arrives once <see cref="MonotonicNanoseconds"/> reads at least
    /// <paramref name="deadlineNanoseconds"/> (at once for a deadline already past), never before. Replaces any
    /// earlier deadline; <see cref="ulong.MaxValue"/> disarms.
    /// </summary>
    public static void SetTimer(ulong deadlineNanoseconds) => DeadlineTimer.Set(deadlineNanoseconds);

    /// <summary>
    /// Non-blocking read of console input received so far (a DomU's console ring, fed by xenconsoled; dom0's
    /// serial input through console_io); 0 when there is none. Arriving input raises an upcall, so the kernel's
    /// interrupt-exit hook sees it.
    /// </summary>
    public static int ConsoleRead(byte* buffer, int length) => XenConsole.Read(buffer, length);

    /// <summary>
    /// Runs <paramref name="handler"/> on the interrupt stack, interrupts disabled, whenever event channel port
    /// <paramref name="line"/> is notified (the port is unmasked). False when the port is out of range, taken, or
    /// one the platform uses itself (timer, console, xenstore).
    /// </summary>
    public static bool RegisterInterrupt(int line, delegate* unmanaged<void> handler) => Upcall.Register(line, handler);

    /// <summary>Wall-clock time (UTC) in nanoseconds since 1970-01-01T00:00:00Z, from Xen's shared-info wallclock.</summary>
    public static ulong WallClockNanoseconds() => Clock.WallClockNanoseconds();

    /// <summary>Fills <paramref name="buffer"/> with entropy from the CPU, good enough to seed hashing and Random.</summary>
    public static void GetEntropy(byte* buffer, int length) => Entropy.Fill(buffer, length);

    /// <summary>Ends the guest: the host sees <paramref name="exitCode"/> as the application's exit code.</summary>
    public static void Exit(int exitCode) => PowerControl.Exit(exitCode);

    /// <summary>Ends the guest after a kernel panic (the report was already written to the kernel console).</summary>
    public static void Panic() => PowerControl.Panic();
}
