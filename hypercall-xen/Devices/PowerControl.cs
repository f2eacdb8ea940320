using Sharprun.Hypercall.Boot;
using Sharprun.Hypercall.Console;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Ends the domain with SCHEDOP_shutdown. The exit code (0–255) reaches the host twice: as the
/// <c>@@sharprun-exit N</c> record on the kernel log stream of the console (what sharprun's launcher reads, as on
/// bare metal) and as <c>data/sharprun/exit-code</c> in xenstore (what a toolstack script can read once the domain
/// has shut down, with <c>on_poweroff = "preserve"</c>). An exit is a poweroff, a panic a crash. A dom0 has no
/// toolstack above it: it also writes to QEMU's isa-debug-exit port so that a test rig ends at once instead of
/// leaving Xen halted.
/// </summary>
internal static unsafe class PowerControl
{
    private const ulong ShutdownOp = 2;
    private const uint ReasonPoweroff = 0;
    private const uint ReasonCrash = 3;
    private const ushort DebugExitPort = 0xF4;

    public static void Exit(int exitCode)
    {
        // The domain ends here: no thread may run (or write to the console) any more.
        ThreadContext.DisableInterrupts();
        exitCode &= 0xFF;
        XenConsole.WriteKernel("@@sharprun-exit ");
        XenConsole.WriteKernelDecimal((ulong)exitCode);
        XenConsole.WriteKernel("\n");
        XenDomain.ReportExit(exitCode);
        Shutdown(ReasonPoweroff, exitCode);
    }

    public static void Panic()
    {
        ThreadContext.DisableInterrupts();
        XenConsole.WriteKernel("@@sharprun-panic\n");
        XenDomain.ReportPanic();
        Shutdown(ReasonCrash, 0x7F);
    }

    private static void Shutdown(uint reason, int debugExitStatus)
    {
        XenConsole.Flush();
        if (BootInfo.IsInitialDomain)
            Instructions.OutDword(DebugExitPort, (uint)debugExitStatus);
        uint argument = reason;
        XenHypercall.Call(XenHypercall.SchedOp, ShutdownOp, (ulong)&argument);
        Instructions.HaltForever();
    }
}
