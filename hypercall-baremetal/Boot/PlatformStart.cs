using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Boot;

/// <summary>
/// Where the boot stub hands over, in long mode on the boot stack: read the loader's information, protect
/// memory (page 0 unmapped, code read-only, data not executable, guard pages), bring up the devices the
/// hypercall interface needs, then enter the kernel. PCI devices are not among them: they are found on the first
/// network call (<see cref="Devices.Pci.PciEnumeration"/>), so an image without networking carries no driver.
/// Beneath the runtime: nothing here allocates.
/// </summary>
internal static unsafe class PlatformStart
{
    [RuntimeExport("sharprun_platform_start")]
    private static void Start(int bootKind, uint bootInformation)
    {
        SerialConsole.Initialize();
        if (!BootInfo.Parse(bootKind, bootInformation))
        {
            SerialConsole.WriteKernel("panic: the boot loader's information structure is missing or malformed\n");
            PowerControl.Panic();
        }
        if (!PageTables.Initialize())
        {
            SerialConsole.WriteKernel("panic: too little RAM: none is left beside the image for the page tables; give the guest more memory\n");
            PowerControl.Panic();
        }
        Clock.Initialize();
        RealTimeClock.Initialize();
        // Interrupts stay disabled: the kernel enables them once its scheduler exists.
        if (!InterruptControllers.Initialize())
            PowerControl.Panic();
        if (!SerialConsole.EnableInput())
        {
            SerialConsole.WriteKernel("panic: the serial console's interrupt (IRQ 4) cannot be routed\n");
            PowerControl.Panic();
        }
        KernelMain();
        SerialConsole.WriteKernel("panic: the kernel returned to the platform\n");
        PowerControl.Panic();
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_kernel_main")]
    private static extern void KernelMain();
}
