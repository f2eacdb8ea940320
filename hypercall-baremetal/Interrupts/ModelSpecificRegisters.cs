using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// RDMSR and WRMSR (stubs in toolchain LowLevel/Baremetal/InterruptStubs, which Xen images contain too): the APIC base,
/// the TSC deadline, and on Xen the MSR that installs the hypercall page.
/// </summary>
internal static class ModelSpecificRegisters
{
    public const uint ApicBase = 0x1B;
    public const uint TscDeadline = 0x6E0;

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_rdmsr")]
    public static extern ulong Read(uint register);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_wrmsr")]
    public static extern void Write(uint register, ulong value);
}
