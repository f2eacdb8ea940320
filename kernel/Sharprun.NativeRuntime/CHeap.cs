using System.Runtime;
using Sharprun.Kernel.Memory;
using Sharprun.Kernel.Pal;

namespace Sharprun.NativeRuntime;

/// <summary>
/// malloc, calloc, realloc, aligned_alloc and free as C11 and glibc define them, on the kernel heap (which frees:
/// small blocks return to its size classes, large ones — compression's 64 KiB to 1 MiB windows — to the page
/// allocator). Each block carries a 16-byte header just below the pointer handed out: the kernel heap block it
/// lives in (an aligned block starts inside it) and the size asked for, which realloc copies.
/// </summary>
public static unsafe class CHeap
{
    private const nuint HeaderSize = 16;

    /// <summary>What malloc guarantees: alignof(max_align_t) on x86-64.</summary>
    private const nuint FundamentalAlignment = 16;

    [RuntimeExport("malloc")]
    public static void* Malloc(nuint size) => Allocate(size, FundamentalAlignment);

    /// <summary>Zeroed memory for <paramref name="count"/> objects; null with ENOMEM when the product overflows.</summary>
    [RuntimeExport("calloc")]
    public static void* Calloc(nuint count, nuint size)
    {
        if (size != 0 && count > nuint.MaxValue / size)
            return OutOfMemory();
        // The kernel heap hands out zeroed blocks.
        return Allocate(count * size, FundamentalAlignment);
    }

    /// <summary>
    /// C11's aligned_alloc as glibc implements it: any power-of-two alignment, the size need not be a multiple of it
    /// (DR 460); a non-power-of-two alignment fails with EINVAL.
    /// </summary>
    [RuntimeExport("aligned_alloc")]
    public static void* AlignedAlloc(nuint alignment, nuint size)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            PalErrors.SetError(LinuxErrno.EINVAL);
            return null;
        }
        return Allocate(size, alignment < FundamentalAlignment ? FundamentalAlignment : alignment);
    }

    /// <summary>realloc as glibc does it: a null block allocates, a zero size frees and returns null; on failure the old block stays.</summary>
    [RuntimeExport("realloc")]
    public static void* Realloc(void* block, nuint size)
    {
        if (block == null)
            return Malloc(size);
        if (size == 0)
        {
            Free(block);
            return null;
        }
        nuint oldSize = RequestedSize(block);
        void* moved = Malloc(size);
        if (moved == null)
            return null;
        System.Buffer.MemoryCopy(block, moved, size, oldSize < size ? oldSize : size);
        Free(block);
        return moved;
    }

    [RuntimeExport("free")]
    public static void Free(void* block)
    {
        if (block != null)
            KernelHeap.Free(*(void**)((byte*)block - HeaderSize));
    }

    private static void* Allocate(nuint size, nuint alignment)
    {
        // The kernel heap's blocks are 16-byte aligned; a larger alignment takes up to alignment - 16 bytes of slack.
        nuint slack = alignment - FundamentalAlignment;
        if (size > nuint.MaxValue - HeaderSize - slack)
            return OutOfMemory();
        byte* start = (byte*)KernelHeap.Allocate(size + HeaderSize + slack);
        if (start == null)
            return OutOfMemory();
        byte* block = (byte*)(((nuint)start + HeaderSize + alignment - 1) & ~(alignment - 1));
        *(void**)(block - HeaderSize) = start;
        *(nuint*)(block - HeaderSize + sizeof(void*)) = size;
        return block;
    }

    private static nuint RequestedSize(void* block) => *(nuint*)((byte*)block - HeaderSize + sizeof(void*));

    private static void* OutOfMemory()
    {
        PalErrors.SetError(LinuxErrno.ENOMEM);
        return null;
    }
}
