using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// Finds Xen through its CPUID leaves (signature "XenVMMXenVMM" at 0x40000000 + n·0x100; another hypervisor's
/// leaves, e.g. Viridian's, may come first) and installs the hypercall page through the MSR that leaf base+2 names.
/// </summary>
internal static unsafe class XenDetection
{
    private const uint FirstLeaf = 0x40000000;
    private const uint LastLeaf = 0x40010000;

    public static uint BaseLeaf { get; private set; }

    private static uint s_lastLeaf;

    /// <summary>Xen's version as major &lt;&lt; 16 | minor, read from CPUID.</summary>
    public static uint Version { get; private set; }

    public static bool Detect()
    {
        uint* r = stackalloc uint[4];
        for (uint leaf = FirstLeaf; leaf < LastLeaf; leaf += 0x100)
        {
            Instructions.Cpuid(leaf, 0, r);
            // "XenV" "MMXe" "nVMM" in ebx, ecx, edx.
            if (r[1] == 0x566E6558 && r[2] == 0x65584D4D && r[3] == 0x4D4D566E && r[0] >= leaf + 2)
            {
                BaseLeaf = leaf;
                s_lastLeaf = r[0];
                Instructions.Cpuid(leaf + 1, 0, r);
                Version = r[0];
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when Xen emulates the TSC for this domain (CPUID leaf base+3: the host TSC is not reliable, or the
    /// domain's tsc_mode asks for it): every clock read then traps to Xen, which costs tens of microseconds or more.
    /// </summary>
    public static bool TscEmulated()
    {
        if (s_lastLeaf < BaseLeaf + 3)
            return false;
        uint* r = stackalloc uint[4];
        Instructions.Cpuid(BaseLeaf + 3, 0, r);
        return (r[0] & 1) != 0;
    }

    /// <summary>Asks Xen to fill the image's hypercall page (4 KiB, page aligned, in the code segment).</summary>
    public static bool InstallHypercallPage()
    {
        uint* r = stackalloc uint[4];
        Instructions.Cpuid(BaseLeaf + 2, 0, r);
        // eax: pages the hypercall area needs (1 on every Xen so far); ebx: the MSR taking their address.
        if (r[0] != 1)
            return false;
        ModelSpecificRegisters.Write(r[1], (ulong)HypercallPage());
        return true;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_xen_hypercall_page")]
    private static extern byte* HypercallPage();
}
