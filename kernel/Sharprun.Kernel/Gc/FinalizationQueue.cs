using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Objects with finalizers. Each is registered when allocated; a collection that finds one unreachable
/// moves it to the ready queue (unless GC.SuppressFinalize was called), which keeps it and what it
/// references alive until its finalizer has run. Both arrays have the same capacity and every object is
/// in at most one of them, so moving never needs memory during a collection.
/// </summary>
internal static unsafe class FinalizationQueue
{
    private const nuint InitialCapacity = 512;

    private static byte** s_registered;
    private static nuint s_registeredCount;
    private static byte** s_ready;
    private static nuint s_readyStart;
    private static nuint s_readyEnd;
    private static nuint s_capacity;

    public static nuint ReadyCount => s_readyEnd - s_readyStart;

    /// <summary>False when there is no memory to track another finalizable object.</summary>
    public static bool Register(byte* obj)
    {
        if (s_registeredCount + ReadyCount == s_capacity && !Grow())
            return false;
        CompactReady();
        s_registered[s_registeredCount++] = obj;
        HeapObject.CollectorFlags(obj) = (HeapObject.CollectorFlags(obj) | HeapObject.RegisteredForFinalization) & ~HeapObject.FinalizerSuppressed;
        return true;
    }

    public static void Suppress(byte* obj) => HeapObject.CollectorFlags(obj) |= HeapObject.FinalizerSuppressed;

    /// <summary>GC.ReRegisterForFinalize: clears a suppression, and registers the object again if its finalizer already ran.</summary>
    public static bool ReRegister(byte* obj)
    {
        ref uint flags = ref HeapObject.CollectorFlags(obj);
        flags &= ~HeapObject.FinalizerSuppressed;
        return (flags & HeapObject.RegisteredForFinalization) != 0 || Register(obj);
    }

    /// <summary>Pending finalizers are roots until they have run.</summary>
    public static void MarkReady()
    {
        for (nuint i = s_readyStart; i < s_readyEnd; i++)
            Marker.Mark(s_ready[i]);
    }

    /// <summary>
    /// After marking: moves unreachable registered objects to the ready queue and marks them (the caller
    /// drains the mark stack); drops those whose finalizer was suppressed. Returns how many became ready.
    /// </summary>
    public static nuint ScheduleUnreachable()
    {
        CompactReady();
        nuint kept = 0;
        nuint scheduled = 0;
        for (nuint i = 0; i < s_registeredCount; i++)
        {
            byte* obj = s_registered[i];
            if (Marker.IsLive(obj))
            {
                s_registered[kept++] = obj;
                continue;
            }
            ref uint flags = ref HeapObject.CollectorFlags(obj);
            flags &= ~HeapObject.RegisteredForFinalization;
            if ((flags & HeapObject.FinalizerSuppressed) != 0)
                continue;
            s_ready[s_readyEnd++] = obj;
            scheduled++;
        }
        s_registeredCount = kept;
        for (nuint i = s_readyEnd - scheduled; i < s_readyEnd; i++)
            Marker.Mark(s_ready[i]);
        return scheduled;
    }

    /// <summary>The next object whose finalizer should run, or null.</summary>
    public static byte* TakeNext()
    {
        if (s_readyStart == s_readyEnd)
            return null;
        byte* obj = s_ready[s_readyStart++];
        if (s_readyStart == s_readyEnd)
            s_readyStart = s_readyEnd = 0;
        return obj;
    }

    private static void CompactReady()
    {
        if (s_readyStart == 0)
            return;
        nuint count = ReadyCount;
        for (nuint i = 0; i < count; i++)
            s_ready[i] = s_ready[s_readyStart + i];
        s_readyStart = 0;
        s_readyEnd = count;
    }

    private static bool Grow()
    {
        nuint capacity = s_capacity == 0 ? InitialCapacity : s_capacity * 2;
        nuint bytes = capacity * (nuint)sizeof(byte*);
        var registered = (byte**)PageMemory.AllocatePages(bytes);
        var ready = (byte**)PageMemory.AllocatePages(bytes);
        if (registered == null || ready == null)
        {
            PageMemory.FreePages(registered, bytes);
            PageMemory.FreePages(ready, bytes);
            return false;
        }
        if (s_capacity != 0)
        {
            nuint oldBytes = s_capacity * (nuint)sizeof(byte*);
            System.Buffer.MemoryCopy(s_registered, registered, bytes, s_registeredCount * (nuint)sizeof(byte*));
            System.Buffer.MemoryCopy(s_ready + s_readyStart, ready, bytes, ReadyCount * (nuint)sizeof(byte*));
            s_readyEnd -= s_readyStart;
            s_readyStart = 0;
            PageMemory.FreePages(s_registered, oldBytes);
            PageMemory.FreePages(s_ready, oldBytes);
        }
        s_registered = registered;
        s_ready = ready;
        s_capacity = capacity;
        return true;
    }
}
