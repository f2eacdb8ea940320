using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The collector's side of the runtime contract. There is no collector yet (memory is never
/// reclaimed; see GcHeap), so these report the truth about that: collections do nothing and count
/// zero, finalizers never run, and every no-GC region trivially holds.
/// </summary>
internal static unsafe class GarbageCollectorContract
{
    [RuntimeExport("RhpCollect")]
    private static void Collect(int generation, int mode, int lowMemory)
    {
    }

    [RuntimeExport("RhpGetGcTotalMemory")]
    private static long GetTotalMemory() => (long)GcHeap.AllocatedBytes;

    [RuntimeExport("RhGetGcCollectionCount")]
    private static int GetCollectionCount(int generation, bool getSpecialCount) => 0;

    [RuntimeExport("RhGetMaxGcGeneration")]
    private static int GetMaxGeneration() => 0;

    /// <summary>Leaves CoreLib's GCMemoryInfoData as constructed (all zero): there is no collection to describe.</summary>
    [RuntimeExport("RhGetMemoryInfo")]
    private static void GetMemoryInfo(byte* info, int kind)
    {
    }

    [RuntimeExport("RhSuppressFinalize")]
    private static void SuppressFinalize(void* obj)
    {
    }

    [RuntimeExport("RhReRegisterForFinalize")]
    private static bool ReRegisterForFinalize(void* obj) => true;

    [RuntimeExport("RhpGetNextFinalizableObject")]
    private static void* GetNextFinalizableObject() => null;

    [RuntimeExport("RhpWaitForFinalizerRequest")]
    private static uint WaitForFinalizerRequest() => 0;

    [RuntimeExport("RhpSignalFinalizationComplete")]
    private static void SignalFinalizationComplete(uint count, int observedFullGcCount)
    {
    }

    [RuntimeExport("RhpStartNoGCRegion")]
    private static int StartNoGcRegion(long totalSize, int hasLohSize, long lohSize, int disallowFullBlockingGc) => 0;

    [RuntimeExport("RhpEndNoGCRegion")]
    private static int EndNoGcRegion() => 0;

    [RuntimeExport("RhpSetThreadDoNotTriggerGC")]
    private static void SetThreadDoNotTriggerGc()
    {
    }

    [RuntimeExport("RhRegisterInlinedThreadStaticRoot")]
    private static void RegisterInlinedThreadStaticRoot(void** root, nint module)
    {
    }

    /// <summary>Every object is in the one generation there is.</summary>
    [RuntimeExport("RhGetGeneration")]
    private static int GetGeneration(void* obj) => 0;

    /// <summary>
    /// Bytes of the GCDesc ILC places before a MethodTable that has reference fields: a series count,
    /// then 16-byte series, or for arrays of structs a count, an offset and 8-byte repeating items.
    /// </summary>
    [RuntimeExport("RhGetGCDescSize")]
    private static int GetGcDescSize(MethodTable* type)
    {
        if (!type->ContainsGCPointers)
            return 0;
        long series = *((long*)type - 1);
        return series >= 0 ? 8 + (int)series * 16 : 8 + 8 + (int)(-series) * 8;
    }

    [RuntimeExport("RhpGcSafeZeroMemory")]
    private static byte* GcSafeZeroMemory(byte* destination, nuint size)
    {
        MemoryBlock.Zero(destination, size);
        return destination;
    }

    /// <summary>With a non-moving collector and no card table, a bulk move is a plain memmove.</summary>
    [RuntimeExport("RhBulkMoveWithWriteBarrier")]
    private static void BulkMoveWithWriteBarrier(byte* destination, byte* source, nuint size) =>
        Unsafe.CopyBlockUnaligned(destination, source, (uint)size);
}
