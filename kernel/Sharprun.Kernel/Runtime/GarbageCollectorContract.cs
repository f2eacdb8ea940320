using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Finalization;
using Sharprun.Kernel.Gc;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The collector's side of the runtime contract (GC.*, finalization, no-GC regions). The collector
/// is non-generational: every collection is a full one, and every object is in the one generation
/// there is (GC.MaxGeneration is 0).
/// </summary>
internal static unsafe class GarbageCollectorContract
{
    /// <summary>CoreLib's GCMemoryInfoData, as RhGetMemoryInfo fills it (sequential layout).</summary>
    private const int MemoryInfoHeapSize = 24;
    private const int MemoryInfoFragmented = 32;
    private const int MemoryInfoCommitted = 40;
    private const int MemoryInfoPromoted = 48;
    private const int MemoryInfoFinalizationPending = 64;
    private const int MemoryInfoIndex = 72;
    private const int MemoryInfoGeneration = 80;
    private const int MemoryInfoPausePercentage = 84;
    private const int MemoryInfoGenerationInfo = 96;
    private const int MemoryInfoPauseDuration = 256;

    [RuntimeExport("RhpCollect")]
    private static void Collect(int generation, int mode, int lowMemory)
    {
        Threading.Preemption.Disable();
        GcHeap.Collect(CollectionReason.Requested);
        Threading.Preemption.Enable();
    }

    [RuntimeExport("RhpGetGcTotalMemory")]
    private static long GetTotalMemory() => (long)(GcStatistics.LiveBytes + GcHeap.AllocatedSinceCollection);

    [RuntimeExport("RhGetGcCollectionCount")]
    private static int GetCollectionCount(int generation, bool getSpecialCount) =>
        getSpecialCount ? GcStatistics.RequestedCollectionCount : GcStatistics.CollectionCount;

    [RuntimeExport("RhGetMaxGcGeneration")]
    private static int GetMaxGeneration() => 0;

    [RuntimeExport("RhGetGeneration")]
    private static int GetGeneration(void* obj) => 0;

    [RuntimeExport("RhGetGenerationSize")]
    private static int GetGenerationSize(int generation) => generation == 0 ? (int)System.Math.Min(GcStatistics.HeapBytes, int.MaxValue) : 0;

    [RuntimeExport("RhGetLastGCPercentTimeInGC")]
    private static int GetLastPercentTimeInGc()
    {
        ulong now = Hypercalls.MonotonicNanoseconds();
        return now == 0 ? 0 : (int)(GcStatistics.TotalPauseNanoseconds * 100 / now);
    }

    [RuntimeExport("RhIsPromoted")]
    private static bool IsPromoted(void* obj) => true;

    [RuntimeExport("RhIsServerGc")]
    private static bool IsServerGc() => false;

    [RuntimeExport("RhGetGcLatencyMode")]
    private static int GetLatencyMode() => 0; // GCLatencyMode.Batch: every collection stops the program

    [RuntimeExport("RhSetGcLatencyMode")]
    private static int SetLatencyMode(int mode) => 0;

    [RuntimeExport("RhGetLohCompactionMode")]
    private static int GetLohCompactionMode() => 0;

    [RuntimeExport("RhSetLohCompactionMode")]
    private static void SetLohCompactionMode(int mode)
    {
    }

    [RuntimeExport("RhGetCurrentObjSize")]
    private static long GetCurrentObjectSize() => (long)GcStatistics.HeapBytes;

    [RuntimeExport("RhGetGCNow")]
    private static long GetNow() => (long)(Hypercalls.MonotonicNanoseconds() / 1_000_000);

    [RuntimeExport("RhGetLastGCStartTime")]
    private static long GetLastStartTime(int generation) => (long)(GcStatistics.LastStartNanoseconds / 1_000_000);

    [RuntimeExport("RhGetLastGCDuration")]
    private static long GetLastDuration(int generation) => (long)(GcStatistics.LastPauseNanoseconds / 1_000_000);

    [RuntimeExport("RhGetTotalPauseDuration")]
    private static long GetTotalPauseDuration() => (long)(GcStatistics.TotalPauseNanoseconds / 100);

    [RuntimeExport("RhGetGCSegmentSize")]
    private static ulong GetSegmentSize() => HeapSegment.Size;

    [RuntimeExport("RhGetAllocatedBytesForCurrentThread")]
    private static long GetAllocatedBytesForCurrentThread() => (long)GcStatistics.AllocatedBytes;

    [RuntimeExport("RhGetTotalAllocatedBytes")]
    private static long GetTotalAllocatedBytes() => (long)GcStatistics.AllocatedBytes;

    [RuntimeExport("RhGetTotalAllocatedBytesPrecise")]
    private static long GetTotalAllocatedBytesPrecise() => (long)GcStatistics.AllocatedBytes;

    [RuntimeExport("RhGetGenerationBudget")]
    private static long GetGenerationBudget(int generation) => (long)GcHeap.Budget;

    /// <summary>Fills CoreLib's GCMemoryInfoData from the last collection (all kinds report the same, only full collections exist).</summary>
    [RuntimeExport("RhGetMemoryInfo")]
    private static void GetMemoryInfo(byte* info, int kind)
    {
        var data = (long*)info;
        data[0] = (long)(PageMemory.TotalBytes * 9 / 10);
        data[1] = (long)PageMemory.TotalBytes;
        data[2] = (long)PageMemory.UsedBytes;
        *(long*)(info + MemoryInfoHeapSize) = (long)GcStatistics.HeapBytes;
        *(long*)(info + MemoryInfoFragmented) = (long)SmallObjectSpace.ListedFreeBytes;
        *(long*)(info + MemoryInfoCommitted) = (long)GcStatistics.HeapBytes;
        *(long*)(info + MemoryInfoPromoted) = (long)GcStatistics.LiveBytes;
        *(long*)(info + MemoryInfoFinalizationPending) = (long)FinalizationQueue.ReadyCount;
        *(long*)(info + MemoryInfoIndex) = GcStatistics.CollectionCount;
        *(int*)(info + MemoryInfoGeneration) = 0;
        *(int*)(info + MemoryInfoPausePercentage) = GetLastPercentTimeInGc();
        var generation0 = (long*)(info + MemoryInfoGenerationInfo);
        generation0[0] = (long)GcStatistics.HeapBytesBefore;
        generation0[2] = (long)GcStatistics.HeapBytes;
        *(long*)(info + MemoryInfoPauseDuration) = (long)(GcStatistics.LastPauseNanoseconds / 100);
    }

    [RuntimeExport("RhSuppressFinalize")]
    private static void SuppressFinalize(byte* obj)
    {
        // The flag shares the header word with the collector's mark state.
        Threading.Preemption.Disable();
        if (HeapObject.TypeOf(obj)->HasFinalizer)
            FinalizationQueue.Suppress(obj);
        Threading.Preemption.Enable();
    }

    [RuntimeExport("RhReRegisterForFinalize")]
    private static bool ReRegisterForFinalize(byte* obj)
    {
        Threading.Preemption.Disable();
        bool registered = !HeapObject.TypeOf(obj)->HasFinalizer || FinalizationQueue.ReRegister(obj);
        Threading.Preemption.Enable();
        return registered;
    }

    [RuntimeExport("RhWaitForPendingFinalizers")]
    private static void WaitForPendingFinalizers(int allowReentrantWait) => FinalizerThread.WaitForPending();

    [RuntimeExport("RhpGetNextFinalizableObject")]
    private static void* GetNextFinalizableObject()
    {
        Threading.Preemption.Disable();
        void* next = FinalizationQueue.TakeNext();
        Threading.Preemption.Enable();
        return next;
    }

    [RuntimeExport("RhpWaitForFinalizerRequest")]
    private static uint WaitForFinalizerRequest() => FinalizerThread.WaitForRequest();

    [RuntimeExport("RhpSignalFinalizationComplete")]
    private static void SignalFinalizationComplete(uint count, int observedFullGcCount) => FinalizerThread.SignalComplete();

    [RuntimeExport("RhpStartNoGCRegion")]
    private static int StartNoGcRegion(long totalSize, int hasLohSize, long lohSize, int disallowFullBlockingGc)
    {
        Threading.Preemption.Disable();
        int status = GcHeap.StartNoGcRegion(hasLohSize != 0 ? totalSize + lohSize : totalSize);
        Threading.Preemption.Enable();
        return status;
    }

    [RuntimeExport("RhpEndNoGCRegion")]
    private static int EndNoGcRegion() => GcHeap.EndNoGcRegion();

    [RuntimeExport("RhpSetThreadDoNotTriggerGC")]
    private static void SetThreadDoNotTriggerGc()
    {
    }

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
        System.Buffer.MemoryCopy(source, destination, size, size);
}
