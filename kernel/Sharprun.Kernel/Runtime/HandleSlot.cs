namespace Sharprun.Kernel.Runtime;

/// <summary>One GC handle: what CoreLib holds is the address of <see cref="Target"/>.</summary>
internal unsafe struct HandleSlot
{
    /// <summary>GCHandleType.Weak: cleared when the target becomes unreachable, before finalization.</summary>
    public const long WeakShortType = 0;

    /// <summary>GCHandleType.WeakTrackResurrection: cleared only once the target is unreachable after finalization.</summary>
    public const long WeakLongType = 1;

    /// <summary>The runtime's dependent handle (ConditionalWeakTable): the target keeps the secondary alive.</summary>
    public const long DependentType = 6;

    public const long FreeType = -1;

    public void* Target;

    /// <summary>A dependent handle's secondary object; the next free slot when this one is free.</summary>
    public void* Secondary;

    public long Type;

    /// <summary>Normal, pinned, ref-counted and variable handles all keep their target alive (nothing moves).</summary>
    public bool IsStrong => Type >= 2 && Type != DependentType;
}
