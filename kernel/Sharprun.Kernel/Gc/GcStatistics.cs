namespace Sharprun.Kernel.Gc;

/// <summary>What GC.CollectionCount, GC.GetGCMemoryInfo and the trace report.</summary>
internal static class GcStatistics
{
    public static int CollectionCount { get; private set; }

    public static int RequestedCollectionCount { get; private set; }

    public static ulong LastStartNanoseconds { get; private set; }

    public static ulong LastPauseNanoseconds { get; private set; }

    public static ulong TotalPauseNanoseconds { get; private set; }

    public static ulong MaximumPauseNanoseconds { get; private set; }

    /// <summary>Bytes of live objects after the last collection.</summary>
    public static nuint LiveBytes { get; private set; }

    /// <summary>Bytes of the heap before the last collection (segments and large objects).</summary>
    public static nuint HeapBytesBefore { get; private set; }

    /// <summary>Memory the heap holds now: its segments and large objects' pages.</summary>
    public static nuint HeapBytes => SmallObjectSpace.CommittedBytes + LargeObjectSpace.CommittedBytes;

    public static ulong AllocatedBytes => SmallObjectSpace.AllocatedBytes + LargeObjectSpace.AllocatedBytes;

    public static void Record(CollectionReason reason, ulong start, ulong pause, nuint heapBefore, nuint live)
    {
        CollectionCount++;
        if (reason == CollectionReason.Requested)
            RequestedCollectionCount++;
        LastStartNanoseconds = start;
        LastPauseNanoseconds = pause;
        TotalPauseNanoseconds += pause;
        if (pause > MaximumPauseNanoseconds)
            MaximumPauseNanoseconds = pause;
        HeapBytesBefore = heapBefore;
        LiveBytes = live;
    }
}
