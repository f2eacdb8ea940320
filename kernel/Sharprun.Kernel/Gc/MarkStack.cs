using System.Runtime.CompilerServices;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Objects marked but not yet scanned. It grows by doubling into fresh pages; when no page is left
/// it records an overflow instead, and the collector recovers by rescanning the marked objects.
/// </summary>
internal static unsafe class MarkStack
{
    private const nuint InitialCapacity = 2048;

    private static byte** s_items;
    private static nuint s_count;
    private static nuint s_capacity;

    public static bool Overflowed { get; set; }

    public static bool IsEmpty => s_count == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Push(byte* obj)
    {
        if (s_count == s_capacity)
        {
            PushGrowing(obj);
            return;
        }
        s_items[s_count++] = obj;
    }

    private static void PushGrowing(byte* obj)
    {
        if (!Grow())
        {
            Overflowed = true;
            return;
        }
        s_items[s_count++] = obj;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* Pop() => s_items[--s_count];

    private static bool Grow()
    {
        nuint capacity = s_capacity == 0 ? InitialCapacity : s_capacity * 2;
        var items = (byte**)PageMemory.AllocatePages(capacity * (nuint)sizeof(byte*));
        if (items == null)
            return false;
        if (s_items != null)
        {
            System.Buffer.MemoryCopy(s_items, items, capacity * (nuint)sizeof(byte*), s_count * (nuint)sizeof(byte*));
            PageMemory.FreePages(s_items, s_capacity * (nuint)sizeof(byte*));
        }
        s_items = items;
        s_capacity = capacity;
        return true;
    }
}
