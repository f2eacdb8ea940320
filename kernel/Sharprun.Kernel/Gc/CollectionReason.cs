namespace Sharprun.Kernel.Gc;

/// <summary>Why a collection ran, for the trace line and statistics.</summary>
internal enum CollectionReason
{
    /// <summary>The allocation budget was used up or memory ran out.</summary>
    Allocation = 0,

    /// <summary>GC.Collect, or CoreLib asking (e.g. before a no-GC region).</summary>
    Requested = 1,
}
