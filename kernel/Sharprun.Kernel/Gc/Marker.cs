using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Marks what is reachable. Objects in the image (frozen strings and preinitialized data) are never
/// collected, so they count as live without a mark; their fields are covered by the conservative
/// scan of the image's data. So do the objects of the frozen segments CoreLib allocates at run time
/// (<see cref="FrozenSegments"/>), which reference nothing in the collected heap.
/// </summary>
internal static unsafe class Marker
{
    private static byte* s_imageStart;
    private static byte* s_imageEnd;

    public static void Initialize(byte* imageStart, byte* imageEnd)
    {
        s_imageStart = imageStart;
        s_imageEnd = imageEnd;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InImage(byte* obj) => obj >= s_imageStart && obj < s_imageEnd;

    /// <summary>Whether the object is outside the collected heap: in the image or a frozen segment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsUncollected(byte* obj) => InImage(obj) || FrozenSegments.Contains(obj);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLive(byte* obj) => IsUncollected(obj) || HeapObject.IsMarked(obj);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mark(byte* obj)
    {
        if (obj == null || HeapObject.IsMarked(obj) || IsUncollected(obj))
            return;
        HeapObject.SetMarked(obj);
        if (HeapObject.TypeOf(obj)->ContainsGCPointers)
            MarkStack.Push(obj);
    }

    /// <summary>Scans marked objects until everything they reach is marked.</summary>
    public static void Drain()
    {
        var visitor = new MarkingVisitor();
        while (true)
        {
            while (!MarkStack.IsEmpty)
            {
                byte* obj = MarkStack.Pop();
                ReferenceFields.Visit(obj, HeapObject.TypeOf(obj), ref visitor);
            }
            if (!MarkStack.Overflowed)
                return;
            MarkStack.Overflowed = false;
            RescanMarkedObjects(ref visitor);
        }
    }

    /// <summary>After the mark stack overflowed, some marked objects were never scanned: scan every marked object again.</summary>
    private static void RescanMarkedObjects(ref MarkingVisitor visitor)
    {
        for (HeapSegment* segment = SmallObjectSpace.Segments; segment != null; segment = segment->Next)
        {
            for (byte* header = segment->Start; header < segment->End; header += HeapObject.SizeOf(header + HeapObject.HeaderSize))
            {
                byte* obj = header + HeapObject.HeaderSize;
                if (HeapObject.IsMarked(obj))
                    ReferenceFields.Visit(obj, HeapObject.TypeOf(obj), ref visitor);
            }
        }
        for (LargeObject* large = LargeObjectSpace.First; large != null; large = large->Next)
        {
            byte* obj = large->Header + HeapObject.HeaderSize;
            if (HeapObject.IsMarked(obj))
                ReferenceFields.Visit(obj, HeapObject.TypeOf(obj), ref visitor);
        }
    }

    private struct MarkingVisitor : IReferenceVisitor
    {
        public void Visit(byte** slot) => Mark(*slot);
    }
}
