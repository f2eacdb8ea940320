using System.Runtime;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The C heap (pal_memory.h) on the kernel heap, and anonymous memory mappings (pal_io.h) on the page allocator.
/// </summary>
public static unsafe class PalMemory
{
    private const int ProtectionRead = 1;
    private const int ProtectionWrite = 2;
    private const int ProtectionExecute = 4;

    private const int MapShared = 0x01;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x10;

    [RuntimeExport("SystemNative_Malloc")]
    public static void* Malloc(nuint size) => Allocated(KernelHeap.Allocate(size == 0 ? 1 : size));

    [RuntimeExport("SystemNative_Calloc")]
    public static void* Calloc(nuint num, nuint size)
    {
        if (size != 0 && num > nuint.MaxValue / size)
        {
            PalErrors.SetError(LinuxErrno.ENOMEM);
            return null;
        }

        // The kernel heap hands out zeroed blocks.
        nuint total = num * size;
        return Allocated(KernelHeap.Allocate(total == 0 ? 1 : total));
    }

    /// <summary>realloc as glibc does it: a null block allocates, a zero size frees and returns null.</summary>
    [RuntimeExport("SystemNative_Realloc")]
    public static void* Realloc(void* ptr, nuint newSize)
    {
        if (ptr == null)
        {
            return Malloc(newSize);
        }

        if (newSize == 0)
        {
            KernelHeap.Free(ptr);
            return null;
        }

        return Allocated(KernelHeap.Reallocate(ptr, newSize));
    }

    [RuntimeExport("SystemNative_Free")]
    public static void Free(void* ptr)
    {
        if (ptr != null)
        {
            KernelHeap.Free(ptr);
        }
    }

    /// <summary>
    /// Anonymous private mappings only; the address is a hint and is ignored, as Linux may. The pages are committed,
    /// zeroed and read-write at once, even for PROT_NONE: CoreLib reserves that way and then commits with MProtect,
    /// and without demand paging a reservation is an allocation. Returns null (not MAP_FAILED) on failure.
    /// </summary>
    [RuntimeExport("SystemNative_MMap")]
    public static void* MMap(void* address, ulong length, int protection, int flags, nint fd, long offset)
    {
        int sharing = flags & (MapShared | MapPrivate);
        if (length == 0
            || (flags & ~(MapShared | MapPrivate | MapAnonymous)) != 0
            || sharing is not (MapShared or MapPrivate)
            || (protection & ~(ProtectionRead | ProtectionWrite | ProtectionExecute)) != 0)
        {
            return MappingFailed(LinuxErrno.EINVAL);
        }

        // File mappings need the VFS; shared mappings have no one to share with; execute and read-only cannot be
        // honoured because the PAL does not manage page protection.
        if ((flags & MapAnonymous) == 0 || sharing == MapShared || !IsGrantableAtMapping(protection))
        {
            return MappingFailed(LinuxErrno.ENOTSUP);
        }

        nuint byteCount = AnonymousMappings.RoundUpToPages(length);
        if (byteCount == 0)
        {
            return MappingFailed(LinuxErrno.ENOMEM);
        }

        void* start = PageMemory.AllocatePages(byteCount);
        if (start == null)
        {
            return MappingFailed(LinuxErrno.ENOMEM);
        }

        if (!AnonymousMappings.Add((nuint)start, byteCount))
        {
            PageMemory.FreePages(start, byteCount);
            return MappingFailed(LinuxErrno.ENOMEM);
        }

        return start;
    }

    /// <summary>Unmaps a whole mapping made by MMap. Splitting a mapping is not supported (ENOTSUP).</summary>
    [RuntimeExport("SystemNative_MUnmap")]
    public static int MUnmap(void* address, ulong length)
    {
        nuint start = (nuint)address;
        if (length == 0 || start % PageMemory.PageSize != 0)
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        nuint byteCount = AnonymousMappings.RoundUpToPages(length);
        if (byteCount == 0 || start > nuint.MaxValue - byteCount)
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        if (AnonymousMappings.RemoveExact(start, byteCount))
        {
            PageMemory.FreePages(address, byteCount);
            return 0;
        }

        // Part of a mapping cannot be given back; anything else was never MMap's to unmap.
        return PalErrors.Fail(AnonymousMappings.Overlaps(start, byteCount) ? LinuxErrno.ENOTSUP : LinuxErrno.EINVAL);
    }

    /// <summary>
    /// Granting read-write to pages of an MMap mapping succeeds without doing anything: MMap already made them
    /// read-write (the kernel maps all its memory read-write and the PAL does not manage page protection), so the
    /// request is already true. Anything tighter (none, read-only) or execute cannot be honoured: ENOTSUP.
    /// </summary>
    [RuntimeExport("SystemNative_MProtect")]
    public static int MProtect(void* address, ulong length, int protection)
    {
        nuint start = (nuint)address;
        if (start % PageMemory.PageSize != 0 || (protection & ~(ProtectionRead | ProtectionWrite | ProtectionExecute)) != 0)
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        if (length == 0)
        {
            return 0;
        }

        nuint byteCount = AnonymousMappings.RoundUpToPages(length);
        if (byteCount == 0 || !AnonymousMappings.Covers(start, byteCount))
        {
            return PalErrors.Fail(LinuxErrno.ENOMEM);
        }

        return (protection & ProtectionWrite) != 0 && (protection & ProtectionExecute) == 0
            ? 0
            : PalErrors.Fail(LinuxErrno.ENOTSUP);
    }

    // PROT_NONE is a reservation (see MMap); write access includes read on x86-64.
    private static bool IsGrantableAtMapping(int protection) =>
        protection == 0 || ((protection & ProtectionWrite) != 0 && (protection & ProtectionExecute) == 0);

    private static void* Allocated(void* block)
    {
        if (block == null)
        {
            PalErrors.SetError(LinuxErrno.ENOMEM);
        }

        return block;
    }

    private static void* MappingFailed(LinuxErrno errno)
    {
        PalErrors.SetError(errno);
        return null;
    }
}
