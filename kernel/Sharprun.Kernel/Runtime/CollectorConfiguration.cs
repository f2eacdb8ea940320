using System.Runtime;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Gc;

namespace Sharprun.Kernel.Runtime;

/// <summary>The collector's configuration as GC.GetConfigurationVariables, GC.RefreshMemoryLimit and the no-GC-region callback see it.</summary>
internal static unsafe class CollectorConfiguration
{
    /// <summary>EnableNoGCRegionCallbackStatus.NotStarted.</summary>
    private const int NoGcRegionNotStarted = 1;

    /// <summary>The collector has no tunable settings (no server mode, no hard limit knobs), so there is nothing to enumerate.</summary>
    [RuntimeExport("RhEnumerateConfigurationValues")]
    private static void EnumerateConfigurationValues(void* context, void* callback)
    {
    }

    /// <summary>
    /// RefreshMemoryStatus.Succeeded: the heap's limit is the guest's RAM, fixed at boot, so a refresh finds it
    /// unchanged. (The GCHeapHardLimitInfo argument, passed in memory, is not needed.)
    /// </summary>
    [RuntimeExport("RhRefreshMemoryLimit")]
    private static int RefreshMemoryLimit() => 0;

    [RuntimeExport("RhEnableNoGCRegionCallback")]
    private static int EnableNoGcRegionCallback(void* callback, long totalSize)
    {
        if (!GcHeap.InNoGcRegion)
            return NoGcRegionNotStarted;
        Panic.Fail("not supported: GC.RegisterNoGCRegionCallback (a callback when a no-GC region's budget runs out)");
        return NoGcRegionNotStarted;
    }
}
