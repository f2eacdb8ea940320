using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Memory;
using Sharprun.Kernel.Runtime;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// The gc.verify mode: before and after each collection, walks every segment and large object and
/// checks that each object has a MethodTable in the image, a size that stays inside its segment, no
/// stale mark, and reference fields that are null, point into the image, or point at the start of a
/// heap object; and that every listed free span is a free object inside a segment. A failure is a
/// panic naming the object, its type and the field.
/// </summary>
internal static unsafe class HeapVerifier
{
    private static bool s_afterCollection;

    public static void Verify(bool afterCollection)
    {
        s_afterCollection = afterCollection;
        ObjectStarts starts = ObjectStarts.Create();
        for (HeapSegment* segment = SmallObjectSpace.Segments; segment != null; segment = segment->Next)
        {
            if (segment->Next != null && segment->Next <= segment)
                Fail("segment list is not sorted", (byte*)segment, 0);
            for (byte* header = segment->Start; header < segment->End;)
            {
                byte* obj = header + HeapObject.HeaderSize;
                nuint size = CheckObjectHead(obj);
                if (header + size > segment->End)
                    Fail("object runs past the end of its segment", obj, 0);
                if (!FreeObject.Is(obj))
                    starts.Set(obj);
                header += size;
            }
        }
        for (LargeObject* large = LargeObjectSpace.First; large != null; large = large->Next)
        {
            byte* obj = large->Header + HeapObject.HeaderSize;
            if (CheckObjectHead(obj) > large->Size)
                Fail("large object is bigger than its pages", obj, 0);
        }

        var visitor = new CheckingVisitor { Starts = starts };
        for (HeapSegment* segment = SmallObjectSpace.Segments; segment != null; segment = segment->Next)
        {
            for (byte* header = segment->Start; header < segment->End; header += HeapObject.SizeOf(header + HeapObject.HeaderSize))
                CheckFields(header + HeapObject.HeaderSize, ref visitor);
        }
        for (LargeObject* large = LargeObjectSpace.First; large != null; large = large->Next)
            CheckFields(large->Header + HeapObject.HeaderSize, ref visitor);
        CheckFreeLists();
        if (!starts.IsComplete)
            KernelLog.Write("gc: verification had no memory for its bitmaps: references into segments were not checked\n");
        starts.Release();
    }

    private static nuint CheckObjectHead(byte* obj)
    {
        if (HeapObject.IsMarked(obj))
            Fail("object is still marked", obj, 0);
        var type = HeapObject.TypeOf(obj);
        if (type != FreeObject.Type && (!Marker.InImage((byte*)type) || ((nuint)type & 7) != 0))
            Fail("object has no valid MethodTable", obj, 0);
        nuint size = HeapObject.SizeOf(obj);
        if (size < HeapObject.MinimumSize)
            Fail("object is smaller than the minimum object", obj, 0);
        return size;
    }

    private static void CheckFields(byte* obj, ref CheckingVisitor visitor)
    {
        if (FreeObject.Is(obj))
            return;
        visitor.Object = obj;
        ReferenceFields.Visit(obj, HeapObject.TypeOf(obj), ref visitor);
    }

    private static void CheckFreeLists()
    {
        for (int bin = 0; bin < SmallObjectSpace.BinCount; bin++)
        {
            for (byte* span = SmallObjectSpace.FirstListedSpan(bin); span != null; span = FreeObject.Link(span))
            {
                byte* obj = span + HeapObject.HeaderSize;
                if (!IsInSegment(span) || !FreeObject.Is(obj))
                    Fail("a listed free span is not a free object in a segment", obj, 0);
                if (FreeObject.LengthOf(span) < FreeObject.LinkedMinimum)
                    Fail("a listed free span is too short to hold its link", obj, 0);
            }
        }
    }

    private static bool IsInSegment(byte* address)
    {
        for (HeapSegment* segment = SmallObjectSpace.Segments; segment != null; segment = segment->Next)
        {
            if (address >= segment->Start && address < segment->End)
                return true;
        }
        return false;
    }

    private static bool IsLargeObject(byte* target)
    {
        for (LargeObject* large = LargeObjectSpace.First; large != null; large = large->Next)
        {
            if (large->Header + HeapObject.HeaderSize == target)
                return true;
        }
        return false;
    }

    private static void Fail(string problem, byte* obj, nuint fieldOffset)
    {
        Panic.Begin("heap verification failed ");
        KernelLog.Write(s_afterCollection ? "after" : "before");
        KernelLog.Write(" collection ");
        KernelLog.WriteDecimal((ulong)GcStatistics.CollectionCount + 1);
        KernelLog.Write(": ");
        KernelLog.Write(problem);
        Panic.Value("object", (ulong)obj);
        Panic.Value("type", *(ulong*)obj);
        if (fieldOffset != 0)
            Panic.Value("field offset", fieldOffset);
        Panic.End();
    }

    private struct CheckingVisitor : IReferenceVisitor
    {
        public ObjectStarts Starts;
        public byte* Object;

        public void Visit(byte** slot)
        {
            byte* target = *slot;
            if (target == null || Marker.IsUncollected(target))
                return;
            if (Starts.IsComplete && !Starts.Contains(target) && !IsLargeObject(target))
                Fail("reference field does not point at an object", Object, (nuint)((byte*)slot - Object));
        }
    }
}
