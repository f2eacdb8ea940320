using Sharprun.Hypercall.Console;
using Sharprun.Hypercall.Devices;

namespace Sharprun.Hypercall.Cpu;

/// <summary>
/// Pages the kernel gave up for page tables. Xen images do not split pages yet (<see cref="Hypercalls.ProtectPages"/>
/// refuses until hypercall-baremetal's PageTables is shared), so the pages are only kept, linked through their
/// first word, and counted: the kernel tops the pool up to the count it wants and stops.
/// </summary>
internal static unsafe class SparePageTables
{
    private const ulong PageSize = 4096;

    private static ulong s_first;

    public static int Count { get; private set; }

    public static void Add(ulong page)
    {
        if (page == 0 || (page & (PageSize - 1)) != 0)
        {
            XenConsole.WriteKernel("panic: a page given to the platform for page tables is not page-aligned\n");
            PowerControl.Panic();
        }
        *(ulong*)page = s_first;
        s_first = page;
        Count++;
    }
}
