using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Roots found by looking at every word of a memory range. On stacks and in saved registers a word that points
/// into a heap object, at its start or inside it, keeps that object alive (byrefs and pinned spans point inside).
/// In the image's data only a word equal to an object's address does: a managed reference stored outside a stack
/// always points at the object's start, and the data also holds plain integers (counters, sizes) that would
/// otherwise pin whatever large object happens to lie at that address, for as long as the value stays.
/// Candidates are collected, sorted, and matched against the heap in one walk per segment.
/// </summary>
internal static unsafe class ConservativeRoots
{
    private const nuint InitialCapacity = 4096;

    private static nuint* s_candidates;
    private static nuint s_count;
    private static nuint s_capacity;
    private static nuint s_heapLow;
    private static nuint s_heapHigh;
    private static bool s_interior;

    /// <summary>Computes the heap's bounds, so most words are rejected with two comparisons.</summary>
    public static void Begin()
    {
        s_heapLow = nuint.MaxValue;
        s_heapHigh = 0;
        s_interior = true;
        for (HeapSegment* segment = SmallObjectSpace.Segments; segment != null; segment = segment->Next)
            Include((nuint)segment->Start, (nuint)segment->End);
        for (LargeObject* large = LargeObjectSpace.First; large != null; large = large->Next)
            Include((nuint)large->Header, (nuint)large->Header + large->Size);
        s_count = 0;
    }

    /// <summary>A stack or saved registers: interior pointers count.</summary>
    public static void ScanRange(byte* start, byte* end) => Scan(start, end, interior: true);

    /// <summary>Data outside stacks: only exact object addresses count.</summary>
    public static void ScanReferences(byte* start, byte* end) => Scan(start, end, interior: false);

    private static void Scan(byte* start, byte* end, bool interior)
    {
        if (interior != s_interior)
        {
            Flush();
            s_interior = interior;
        }
        nuint* word = (nuint*)(((nuint)start + 7) & ~(nuint)7);
        nuint* last = (nuint*)end;
        for (; word < last; word++)
        {
            nuint value = *word;
            if (value >= s_heapLow && value < s_heapHigh)
                Add(value);
        }
    }

    /// <summary>Marks the objects the collected candidates point into.</summary>
    public static void Flush()
    {
        if (s_count == 0)
            return;
        Sort(s_candidates, s_count);
        MatchSegments();
        MatchLargeObjects();
        s_count = 0;
    }

    private static void Include(nuint low, nuint high)
    {
        if (low < s_heapLow)
            s_heapLow = low;
        if (high > s_heapHigh)
            s_heapHigh = high;
    }

    private static void Add(nuint value)
    {
        if (s_count == s_capacity && !Grow())
            Flush();
        s_candidates[s_count++] = value;
    }

    private static bool Grow()
    {
        nuint capacity = s_capacity == 0 ? InitialCapacity : s_capacity * 2;
        var candidates = (nuint*)PageMemory.AllocatePages(capacity * (nuint)sizeof(nuint));
        if (candidates == null)
            return s_capacity == 0 ? GrowMinimal() : false;
        if (s_candidates != null)
        {
            System.Buffer.MemoryCopy(s_candidates, candidates, capacity * (nuint)sizeof(nuint), s_count * (nuint)sizeof(nuint));
            PageMemory.FreePages(s_candidates, s_capacity * (nuint)sizeof(nuint));
        }
        s_candidates = candidates;
        s_capacity = capacity;
        return true;
    }

    /// <summary>With almost no memory left, one page of candidates still lets the scan proceed in batches.</summary>
    private static bool GrowMinimal()
    {
        var candidates = (nuint*)PageMemory.AllocatePages(PageMemory.PageSize);
        if (candidates == null)
            Diagnostics.Panic.Fail("out of memory: the collector has no page left for its root candidates");
        s_candidates = candidates;
        s_capacity = PageMemory.PageSize / (nuint)sizeof(nuint);
        return true;
    }

    private static void MatchSegments()
    {
        nuint next = 0;
        for (HeapSegment* segment = SmallObjectSpace.Segments; segment != null && next < s_count; segment = segment->Next)
        {
            nuint start = (nuint)segment->Start;
            nuint end = (nuint)segment->End;
            while (next < s_count && s_candidates[next] < start)
                next++;
            byte* header = segment->Start;
            nuint size = 0;
            while (next < s_count && s_candidates[next] < end)
            {
                nuint candidate = s_candidates[next++];
                while ((nuint)header + size <= candidate)
                {
                    header += size;
                    size = HeapObject.SizeOf(header + HeapObject.HeaderSize);
                }
                byte* obj = header + HeapObject.HeaderSize;
                if ((s_interior || candidate == (nuint)obj) && !FreeObject.Is(obj))
                    Marker.Mark(obj);
            }
        }
    }

    private static void MatchLargeObjects()
    {
        for (LargeObject* large = LargeObjectSpace.First; large != null; large = large->Next)
        {
            byte* obj = large->Header + HeapObject.HeaderSize;
            nuint start = s_interior ? (nuint)large->Header : (nuint)obj;
            nuint first = LowerBound(start);
            if (first < s_count && (s_interior ? s_candidates[first] < start + large->Size : s_candidates[first] == start))
                Marker.Mark(obj);
        }
    }

    private static nuint LowerBound(nuint value)
    {
        nuint low = 0;
        nuint high = s_count;
        while (low < high)
        {
            nuint middle = low + (high - low) / 2;
            if (s_candidates[middle] < value)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    /// <summary>Heapsort: in place, no recursion, no allocation.</summary>
    private static void Sort(nuint* items, nuint count)
    {
        for (nuint i = count / 2; i-- > 0;)
            SiftDown(items, i, count);
        for (nuint end = count - 1; end > 0; end--)
        {
            (items[0], items[end]) = (items[end], items[0]);
            SiftDown(items, 0, end);
        }
    }

    private static void SiftDown(nuint* items, nuint root, nuint count)
    {
        while (true)
        {
            nuint child = 2 * root + 1;
            if (child >= count)
                return;
            if (child + 1 < count && items[child + 1] > items[child])
                child++;
            if (items[root] >= items[child])
                return;
            (items[root], items[child]) = (items[child], items[root]);
            root = child;
        }
    }
}
