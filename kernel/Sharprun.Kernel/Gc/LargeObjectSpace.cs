using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Objects of <see cref="SmallObjectSpace.LargestObject"/> bytes and more, each in its own page run
/// behind a small descriptor; a dead one gives its pages straight back.
/// </summary>
internal static unsafe class LargeObjectSpace
{
    private static LargeObject* s_first;
    private static nuint s_committedBytes;
    private static ulong s_allocatedBytes;
    private static int s_count;

    public static LargeObject* First => s_first;

    public static nuint CommittedBytes => s_committedBytes;

    public static ulong AllocatedBytes => s_allocatedBytes;

    public static int Count => s_count;

    /// <summary>Zeroed room for an object of <paramref name="size"/> bytes, or null when RAM is exhausted.</summary>
    public static byte* Allocate(nuint size)
    {
        nuint total = (nuint)sizeof(LargeObject) + size;
        if (total < size)
            return null;
        var large = (LargeObject*)PageMemory.AllocatePages(total);
        if (large == null)
            return null;
        large->PageBytes = (total + PageMemory.PageSize - 1) & ~(PageMemory.PageSize - 1);
        large->Size = size;
        large->Next = s_first;
        if (s_first != null)
            s_first->Previous = large;
        s_first = large;
        s_committedBytes += large->PageBytes;
        s_allocatedBytes += size;
        s_count++;
        return large->Header + HeapObject.HeaderSize;
    }

    /// <summary>Frees every unmarked large object, clears the marks of the others; returns the live bytes.</summary>
    public static nuint Sweep()
    {
        nuint live = 0;
        LargeObject* large = s_first;
        while (large != null)
        {
            LargeObject* next = large->Next;
            byte* obj = large->Header + HeapObject.HeaderSize;
            if (HeapObject.IsMarked(obj))
            {
                HeapObject.ClearMarked(obj);
                live += large->Size;
            }
            else
            {
                if (large->Previous == null)
                    s_first = next;
                else
                    large->Previous->Next = next;
                if (next != null)
                    next->Previous = large->Previous;
                s_committedBytes -= large->PageBytes;
                s_count--;
                PageMemory.FreePages(large, large->PageBytes);
            }
            large = next;
        }
        return live;
    }
}
