namespace Sharprun.Kernel.Memory;

/// <summary>
/// The kernel's malloc: blocks of 16 bytes to 2 KiB come from per-size-class free lists carved out of
/// pages; larger ones are whole page runs. Every block has a 16-byte header holding its size, so
/// Free and Reallocate need no size from the caller.
/// </summary>
internal static unsafe class KernelHeap
{
    private const int HeaderSize = 16;
    private const int SmallestClassShift = 4;
    private const int ClassCount = 8; // 16, 32, ... 2048 bytes of payload + header
    private const nuint LargestSmall = (nuint)1 << (SmallestClassShift + ClassCount - 1);
    private const ulong LargeMarker = 1UL << 63;

    private static FreeLists s_free;

    /// <summary>16-byte aligned, zeroed; null when out of memory.</summary>
    public static void* Allocate(nuint size)
    {
        Threading.Preemption.Disable();
        void* block = AllocateUnguarded(size);
        Threading.Preemption.Enable();
        return block;
    }

    private static void* AllocateUnguarded(nuint size)
    {
        if (size > LargestSmall)
        {
            nuint total = size + HeaderSize;
            if (total < size)
                return null;
            byte* pages = (byte*)PageMemory.AllocatePages(total);
            if (pages == null)
                return null;
            *(ulong*)pages = LargeMarker | size;
            return pages + HeaderSize;
        }
        int sizeClass = ClassOf(size);
        nuint classSize = ClassSize(sizeClass);
        byte* block = (byte*)s_free[sizeClass];
        if (block == null)
        {
            if (!Refill(sizeClass))
                return null;
            block = (byte*)s_free[sizeClass];
        }
        s_free[sizeClass] = *(nint*)block;
        MemoryBlock.Zero(block, classSize);
        *(ulong*)block = (ulong)sizeClass;
        return block + HeaderSize;
    }

    public static void Free(void* block)
    {
        Threading.Preemption.Disable();
        FreeUnguarded(block);
        Threading.Preemption.Enable();
    }

    private static void FreeUnguarded(void* block)
    {
        if (block == null)
            return;
        byte* header = (byte*)block - HeaderSize;
        ulong tag = *(ulong*)header;
        if ((tag & LargeMarker) != 0)
        {
            PageMemory.FreePages(header, (nuint)(tag & ~LargeMarker) + HeaderSize);
            return;
        }
        int sizeClass = (int)tag;
        *(nint*)header = s_free[sizeClass];
        s_free[sizeClass] = (nint)header;
    }

    /// <summary>Bytes the caller may use in <paramref name="block"/>.</summary>
    public static nuint UsableSize(void* block)
    {
        ulong tag = *(ulong*)((byte*)block - HeaderSize);
        return (tag & LargeMarker) != 0 ? (nuint)(tag & ~LargeMarker) : ClassSize((int)tag) - HeaderSize;
    }

    /// <summary>Like realloc: null on failure with the old block intact.</summary>
    public static void* Reallocate(void* block, nuint newSize)
    {
        Threading.Preemption.Disable();
        void* moved = ReallocateUnguarded(block, newSize);
        Threading.Preemption.Enable();
        return moved;
    }

    private static void* ReallocateUnguarded(void* block, nuint newSize)
    {
        if (block == null)
            return Allocate(newSize);
        nuint oldSize = UsableSize(block);
        if (newSize <= oldSize && (newSize > LargestSmall || oldSize <= LargestSmall))
            return block;
        void* moved = Allocate(newSize);
        if (moved == null)
            return null;
        System.Buffer.MemoryCopy(block, moved, newSize, newSize < oldSize ? newSize : oldSize);
        Free(block);
        return moved;
    }

    private static int ClassOf(nuint size)
    {
        int sizeClass = 0;
        while (((nuint)1 << (SmallestClassShift + sizeClass)) < size)
            sizeClass++;
        return sizeClass;
    }

    private static nuint ClassSize(int sizeClass) => ((nuint)1 << (SmallestClassShift + sizeClass)) + HeaderSize;

    private static bool Refill(int sizeClass)
    {
        nuint classSize = ClassSize(sizeClass);
        nuint chunk = classSize * 64;
        byte* pages = (byte*)PageMemory.AllocatePages(chunk);
        if (pages == null)
            return false;
        nuint count = ((chunk + PageMemory.PageSize - 1) & ~(PageMemory.PageSize - 1)) / classSize;
        for (nuint i = 0; i < count; i++)
        {
            byte* block = pages + i * classSize;
            *(nint*)block = s_free[sizeClass];
            s_free[sizeClass] = (nint)block;
        }
        return true;
    }

    [System.Runtime.CompilerServices.InlineArray(ClassCount)]
    private struct FreeLists
    {
        private nint _first;
    }
}
