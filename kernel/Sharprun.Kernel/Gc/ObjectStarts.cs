using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// For heap verification: one bit per 8 bytes of every segment, set where an object starts, so a
/// reference can be checked to point at an object and not into one. Segments are found by binary
/// search (the segment list is sorted).
/// </summary>
internal unsafe struct ObjectStarts
{
    private const nuint BitmapBytes = HeapSegment.Size / 8 / 8;

    private HeapSegment** _segments;
    private byte* _bitmaps;
    private int _count;
    private nuint _bytes;

    /// <summary>Empty bitmaps for the current segments; if memory is short, one that knows no segment (and says so when asked).</summary>
    public static ObjectStarts Create()
    {
        var starts = new ObjectStarts { _count = SmallObjectSpace.SegmentCount };
        starts._bytes = (nuint)starts._count * (BitmapBytes + (nuint)sizeof(HeapSegment*));
        byte* memory = starts._count == 0 ? null : (byte*)PageMemory.AllocatePages(starts._bytes);
        if (memory == null)
        {
            starts._count = 0;
            return starts;
        }
        starts._segments = (HeapSegment**)memory;
        starts._bitmaps = memory + (nuint)starts._count * (nuint)sizeof(HeapSegment*);
        int i = 0;
        for (HeapSegment* segment = SmallObjectSpace.Segments; segment != null; segment = segment->Next)
            starts._segments[i++] = segment;
        return starts;
    }

    /// <summary>False when there was no memory for the bitmaps: references into segments cannot be checked.</summary>
    public readonly bool IsComplete => _count == SmallObjectSpace.SegmentCount;

    public readonly void Set(byte* obj)
    {
        int index = Find(obj);
        if (index < 0)
            return;
        Bit(index, obj, out byte* cell, out byte mask);
        *cell |= mask;
    }

    public readonly bool Contains(byte* obj)
    {
        int index = Find(obj);
        if (index < 0)
            return false;
        Bit(index, obj, out byte* cell, out byte mask);
        return (*cell & mask) != 0;
    }

    public readonly void Release()
    {
        if (_count != 0)
            PageMemory.FreePages(_segments, _bytes);
    }

    private readonly int Find(byte* address)
    {
        int low = 0;
        int high = _count - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            HeapSegment* segment = _segments[middle];
            if (address < segment->Start)
                high = middle - 1;
            else if (address >= segment->End)
                low = middle + 1;
            else
                return middle;
        }
        return -1;
    }

    private readonly void Bit(int index, byte* address, out byte* cell, out byte mask)
    {
        nuint offset = (nuint)(address - (byte*)_segments[index]) / 8;
        cell = _bitmaps + (nuint)index * BitmapBytes + offset / 8;
        mask = (byte)(1 << (int)(offset % 8));
    }
}
