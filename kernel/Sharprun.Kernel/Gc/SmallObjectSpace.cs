using System.Runtime.CompilerServices;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Objects under <see cref="LargestObject"/> bytes. Allocation bumps a pointer through the current
/// span of free memory; when the span is used up, the next comes from size-binned free lists that the
/// sweep rebuilds, or from a new segment. A span always keeps room for a trailing free object, so
/// retiring it leaves the segment walkable.
/// </summary>
internal static unsafe class SmallObjectSpace
{
    public const nuint LargestObject = 32 * 1024;

    /// <summary>Free runs shorter than this are left in place until their neighbours die.</summary>
    private const nuint SmallestListedSpan = 256;
    private const int SmallestBinShift = 8;
    public const int BinCount = 13; // 256 B .. 1 MiB

    private static HeapSegment* s_segments;
    private static int s_segmentCount;
    private static byte* s_next;
    private static byte* s_limit;
    private static byte* s_spanStart;
    private static FreeBins s_bins;
    private static nuint s_listedBytes;
    private static ulong s_retiredAllocatedBytes;

    public static HeapSegment* Segments => s_segments;

    public static int SegmentCount => s_segmentCount;

    public static nuint CommittedBytes => (nuint)s_segmentCount * HeapSegment.Size;

    /// <summary>Bytes handed out to objects since boot (spans count as they are used).</summary>
    public static ulong AllocatedBytes => s_retiredAllocatedBytes + (ulong)(s_next - s_spanStart);

    /// <summary>Bytes in free lists (what the next spans can come from without a new segment).</summary>
    public static nuint ListedFreeBytes => s_listedBytes;

    /// <summary>The head of a free list, for heap verification.</summary>
    public static byte* FirstListedSpan(int bin) => (byte*)s_bins[bin];

    /// <summary>The fast path: an object address, or null when the current span is too small.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* TryAllocate(nuint size)
    {
        byte* header = s_next;
        if ((nuint)(s_limit - header) < size)
            return null;
        s_next = header + size;
        return header + HeapObject.HeaderSize;
    }

    /// <summary>Makes a listed free span of at least <paramref name="size"/> bytes the current span; false if there is none.</summary>
    public static bool TakeListedSpan(nuint size)
    {
        nuint needed = size + HeapObject.MinimumSize;
        int bin = BinOf(needed);
        if (bin < 0)
            bin = 0;
        for (int b = BinCount - 1; b > bin; b--)
        {
            byte* span = (byte*)s_bins[b];
            if (span != null)
            {
                s_bins[b] = (nint)FreeObject.Link(span);
                UseSpan(span, FreeObject.LengthOf(span), zeroed: false);
                return true;
            }
        }
        byte* previous = null;
        for (byte* span = (byte*)s_bins[bin]; span != null; previous = span, span = FreeObject.Link(span))
        {
            if (FreeObject.LengthOf(span) >= needed)
            {
                if (previous == null)
                    s_bins[bin] = (nint)FreeObject.Link(span);
                else
                    FreeObject.Link(previous) = FreeObject.Link(span);
                UseSpan(span, FreeObject.LengthOf(span), zeroed: false);
                return true;
            }
        }
        return false;
    }

    /// <summary>Takes a new segment from page memory and makes it the current span; false when RAM is exhausted.</summary>
    public static bool AddSegment()
    {
        var segment = (HeapSegment*)PageMemory.AllocatePages(HeapSegment.Size);
        if (segment == null)
            return false;
        segment->Start = (byte*)segment + HeapSegment.HeadSize;
        segment->End = (byte*)segment + HeapSegment.Size;
        InsertSorted(segment);
        s_segmentCount++;
        UseSpan(segment->Start, (nuint)(segment->End - segment->Start), zeroed: true);
        return true;
    }

    /// <summary>Ends the current span: its unused tail becomes a free object, listed if it is big enough.</summary>
    public static void RetireSpan()
    {
        if (s_spanStart == null)
            return;
        s_retiredAllocatedBytes += (ulong)(s_next - s_spanStart);
        byte* end = s_limit + HeapObject.MinimumSize;
        ReleaseRun(s_next, (nuint)(end - s_next));
        s_next = s_limit = s_spanStart = null;
    }

    /// <summary>
    /// After marking: clears the marks of live objects, turns runs of dead ones into free objects,
    /// rebuilds the free lists and returns empty segments to page memory. Returns the live bytes.
    /// </summary>
    public static nuint Sweep()
    {
        s_bins = default;
        s_listedBytes = 0;
        nuint live = 0;
        HeapSegment* previous = null;
        HeapSegment* segment = s_segments;
        while (segment != null)
        {
            HeapSegment* next = segment->Next;
            nuint segmentLive = SweepSegment(segment);
            if (segmentLive == 0)
            {
                UnlistSpansOf(segment);
                if (previous == null)
                    s_segments = next;
                else
                    previous->Next = next;
                s_segmentCount--;
                PageMemory.FreePages(segment, HeapSegment.Size);
            }
            else
            {
                live += segmentLive;
                previous = segment;
            }
            segment = next;
        }
        return live;
    }

    private static nuint SweepSegment(HeapSegment* segment)
    {
        nuint live = 0;
        byte* deadStart = null;
        byte* header = segment->Start;
        while (header < segment->End)
        {
            byte* obj = header + HeapObject.HeaderSize;
            nuint size = HeapObject.SizeOf(obj);
            if (HeapObject.IsMarked(obj))
            {
                HeapObject.ClearMarked(obj);
                live += size;
                if (deadStart != null)
                {
                    ReleaseRun(deadStart, (nuint)(header - deadStart));
                    deadStart = null;
                }
            }
            else if (deadStart == null)
            {
                deadStart = header;
            }
            header += size;
        }
        if (deadStart != null)
            ReleaseRun(deadStart, (nuint)(segment->End - deadStart));
        segment->LiveBytes = live;
        return live;
    }

    /// <summary>The free lists may hold spans of a segment being released; they are rebuilt per sweep, so only this segment's are dropped.</summary>
    private static void UnlistSpansOf(HeapSegment* segment)
    {
        for (int b = 0; b < BinCount; b++)
        {
            byte* previous = null;
            byte* span = (byte*)s_bins[b];
            while (span != null)
            {
                byte* next = FreeObject.Link(span);
                if (span >= (byte*)segment && span < segment->End)
                {
                    s_listedBytes -= FreeObject.LengthOf(span);
                    if (previous == null)
                        s_bins[b] = (nint)next;
                    else
                        FreeObject.Link(previous) = next;
                }
                else
                {
                    previous = span;
                }
                span = next;
            }
        }
    }

    private static void ReleaseRun(byte* start, nuint length)
    {
        if (length == 0)
            return;
        FreeObject.Format(start, length);
        if (length < SmallestListedSpan)
            return;
        int bin = BinOf(length);
        FreeObject.Link(start) = (byte*)s_bins[bin];
        s_bins[bin] = (nint)start;
        s_listedBytes += length;
    }

    private static void UseSpan(byte* start, nuint length, bool zeroed)
    {
        RetireSpan();
        if (!zeroed)
        {
            s_listedBytes -= length;
            MemoryBlock.Zero(start, length);
        }
        s_spanStart = s_next = start;
        s_limit = start + length - HeapObject.MinimumSize;
    }

    private static void InsertSorted(HeapSegment* segment)
    {
        if (s_segments == null || segment < s_segments)
        {
            segment->Next = s_segments;
            s_segments = segment;
            return;
        }
        HeapSegment* previous = s_segments;
        while (previous->Next != null && previous->Next < segment)
            previous = previous->Next;
        segment->Next = previous->Next;
        previous->Next = segment;
    }

    /// <summary>The bin of a span of <paramref name="length"/> bytes: floor(log2 length) - 8, clamped to the last bin.</summary>
    private static int BinOf(nuint length)
    {
        int shift = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)length);
        int bin = shift - SmallestBinShift;
        return bin >= BinCount ? BinCount - 1 : bin;
    }

    [System.Runtime.CompilerServices.InlineArray(BinCount)]
    private struct FreeBins
    {
        private nint _first;
    }
}
