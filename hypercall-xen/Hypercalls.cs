using Sharprun.Hypercall.Boot;
using Sharprun.Hypercall.Console;
using Sharprun.Hypercall.Devices;

namespace Sharprun.Hypercall;

/// <summary>
/// The hypercall interface on Xen (PVH DomU or dom0): the same public surface as hypercall-baremetal's, so the
/// kernel compiled against that assembly binds to this one unchanged.
/// Beneath the runtime: no allocation, no exceptions, no blocking locks.
/// </summary>
public static unsafe class Hypercalls
{
    /// <summary>Writes bytes to one of the console streams; returns when they are sent.</summary>
    public static void ConsoleWrite(ConsoleStream stream, byte* data, int length) =>
        XenConsole.Write(stream, data, length);

    /// <summary>The kernel command line as NUL-terminated UTF-8 (empty string when the loader gave none).</summary>
    public static byte* CommandLine => StartInfo.CommandLine;

    /// <summary>Number of usable RAM ranges in the boot memory map.</summary>
    public static int MemoryRegionCount => StartInfo.MemoryRegionCount;

    /// <summary>The <paramref name="index"/>-th usable RAM range, already excluding the image itself and the boot structures.</summary>
    public static MemoryRegion GetMemoryRegion(int index) => StartInfo.GetMemoryRegion(index);

    /// <summary>
    /// Sets what the CPU allows on the pages of [address, address + length). Not supported on Xen yet (the page
    /// table code of hypercall-baremetal is not shared): always false, with nothing changed, as the interface allows.
    /// </summary>
    public static bool ProtectPages(ulong address, ulong length, PageAccess access) => false;

    /// <summary>True when <paramref name="address"/> lies in a guard page; Xen images have none yet (see <see cref="ProtectPages"/>).</summary>
    public static bool IsGuardPage(ulong address) => false;

    /// <summary>Monotonic time since boot, in nanoseconds.</summary>
    public static ulong MonotonicNanoseconds() => Clock.MonotonicNanoseconds();

    /// <summary>Wall-clock time (UTC) in nanoseconds since 1970-01-01T00:00:00Z, from Xen's shared-info wallclock.</summary>
    public static ulong WallClockNanoseconds() => Clock.WallClockNanoseconds();

    /// <summary>Fills <paramref name="buffer"/> with entropy from the CPU, good enough to seed hashing and Random.</summary>
    public static void GetEntropy(byte* buffer, int length) => Entropy.Fill(buffer, length);

    /// <summary>Ends the guest: the host sees <paramref name="exitCode"/> as the application's exit code.</summary>
    public static void Exit(int exitCode) => PowerControl.Exit(exitCode);

    /// <summary>Ends the guest after a kernel panic (the report was already written to the kernel console).</summary>
    public static void Panic() => PowerControl.Panic();
}
