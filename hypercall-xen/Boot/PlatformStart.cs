using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Console;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Boot;

/// <summary>
/// Where the (shared) PVH boot stub hands over, in long mode on the boot stack, interrupts disabled: find Xen,
/// install the hypercall page, read the start info, protect memory (hypercall-baremetal's PageTables: page 0
/// unmapped, code read-only, data not executable, guard pages), map shared info, route events to the upcall
/// vector, bind the timer and console input, find the console and xenstore rings, map the grant table, then enter
/// the kernel, which enables interrupts when it is ready for them. Beneath the runtime: nothing here allocates.
/// </summary>
internal static unsafe class PlatformStart
{
    private const int BootKindPvh = 1;

    [RuntimeExport("sharprun_platform_start")]
    private static void Start(int bootKind, uint bootInformation)
    {
        // Without Xen there is no console to complain on: a Xen image booted by another loader just stops.
        if (bootKind != BootKindPvh || !XenDetection.Detect() || !XenDetection.InstallHypercallPage())
            Instructions.HaltForever();
        if (!BootInfo.Parse((byte*)bootInformation))
            Fail("panic: the PVH start info is missing or malformed\n");
        if (!PageTables.Initialize())
            Fail("panic: too little RAM: none is left beside the image for the page tables; give the guest more memory\n");
        if (!SharedInfo.Map())
            Fail("panic: Xen refused to map the shared info page\n");
        Clock.Initialize();
        if (!BootInfo.IsInitialDomain && !ConsoleRing.Initialize())
            Fail("panic: no console ring (HVM_PARAM_CONSOLE_PFN)\n");

        XenConsole.WriteKernel("xen: Xen ");
        XenConsole.WriteKernelDecimal(XenDetection.Version >> 16);
        XenConsole.WriteKernel(".");
        XenConsole.WriteKernelDecimal(XenDetection.Version & 0xFFFF);
        XenConsole.WriteKernel(BootInfo.IsInitialDomain ? ", PVH dom0\n" : ", PVH DomU\n");
        if (XenDetection.TscEmulated())
            XenConsole.WriteKernel("xen: Xen emulates the TSC: every clock read traps to Xen (slow; tsc_mode \"native\" avoids it)\n");
        if (!Upcall.Enable())
            Fail("panic: Xen refused the event channel upcall vector\n");
        if (!SingleShotTimer.Initialize())
            Fail("panic: cannot bind VIRQ_TIMER\n");
        if (BootInfo.IsInitialDomain)
        {
            long refused = HypervisorConsole.EnableInput();
            if (refused != 0)
            {
                XenConsole.WriteKernel("xen: no console input (VIRQ_CONSOLE: error ");
                XenConsole.WriteKernelDecimal((ulong)-refused);
                XenConsole.WriteKernel(")\n");
            }
        }
        if (GrantTable.Initialize())
        {
            XenConsole.WriteKernel("xen: grant table: ");
            XenConsole.WriteKernelDecimal((ulong)GrantTable.Frames);
            XenConsole.WriteKernel(" frames, ");
            XenConsole.WriteKernelDecimal((ulong)GrantTable.Entries);
            XenConsole.WriteKernel(" entries\n");
        }
        else
        {
            XenConsole.WriteKernel("xen: no grant table\n");
        }
        if (!BootInfo.IsInitialDomain)
            XenDomain.Initialize();

        KernelMain();
        Fail("panic: the kernel returned to the platform\n");
    }

    private static void Fail(string message)
    {
        XenConsole.WriteKernel(message);
        PowerControl.Panic();
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_kernel_main")]
    private static extern void KernelMain();
}
