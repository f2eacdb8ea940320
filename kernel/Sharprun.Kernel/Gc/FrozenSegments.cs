using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// The frozen object segments CoreLib's FrozenObjectHeapManager allocates at run time in native memory (the
/// RuntimeType objects of typeof and GetType live there) and registers through RhRegisterFrozenSegment. They are
/// outside the collected heap and never freed by the collector, so their objects count as live without a mark, like
/// the image's preinitialized objects: the sweep never visits them, and a mark bit set in one's MethodTable pointer
/// would outlive the collection, making the next type check of that object fail. Frozen objects hold no references
/// into the collected heap (the frozen heap's rule), so they are not scanned either. A fixed table, since
/// registration and lookups run beneath the runtime; registration past its capacity fails as the runtime's does
/// when it cannot record a segment (CoreLib then throws OutOfMemoryException).
/// </summary>
internal static unsafe class FrozenSegments
{
    public const int Capacity = 64;

    private static Ranges s_starts;
    private static Ranges s_ends;
    private static int s_count;

    /// <summary>Records [start, start + reservedSize); returns the segment's handle, or 0 when the table is full.</summary>
    public static nint Register(byte* start, nuint reservedSize)
    {
        if (start == null)
            return 0;
        for (int i = 0; i < s_count; i++)
        {
            // A slot left by an unregistered segment is reused.
            if (s_starts[i] == 0)
            {
                Set(i, start, reservedSize);
                return i + 1;
            }
        }
        if (s_count == Capacity)
            return 0;
        Set(s_count, start, reservedSize);
        // The count grows last: a collection that runs in between sees the table without the new segment, which
        // holds no objects yet.
        s_count++;
        return s_count;
    }

    public static void Unregister(nint handle)
    {
        if (handle < 1 || handle > s_count)
            return;
        s_ends[(int)handle - 1] = 0;
        s_starts[(int)handle - 1] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Contains(byte* obj)
    {
        nuint address = (nuint)obj;
        for (int i = 0; i < s_count; i++)
        {
            if (address >= s_starts[i] && address < s_ends[i])
                return true;
        }
        return false;
    }

    private static void Set(int slot, byte* start, nuint reservedSize)
    {
        s_ends[slot] = (nuint)start + reservedSize;
        s_starts[slot] = (nuint)start;
    }

    [InlineArray(Capacity)]
    private struct Ranges
    {
        private nuint _first;
    }
}
