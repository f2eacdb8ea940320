using System.Runtime;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// GC handles. CoreLib dereferences a handle directly as a pointer to an object reference, so a
/// handle is the address of a slot: {target, secondary (dependent handles), type}. Slots come from
/// pages and are recycled through a free list.
/// </summary>
internal static unsafe class HandleTable
{
    private const int SlotsPerPage = (int)(PageMemory.PageSize / 24);

    private static HandleSlot* s_free;

    [RuntimeExport("RhpHandleAlloc")]
    private static HandleSlot* Allocate(void* target, int type) => New(target, null, type);

    [RuntimeExport("RhpHandleAllocDependent")]
    private static HandleSlot* AllocateDependent(void* primary, void* secondary) => New(primary, secondary, DependentType);

    [RuntimeExport("RhHandleFree")]
    private static void Free(HandleSlot* handle)
    {
        if (handle == null)
            return;
        handle->Target = null;
        handle->Secondary = null;
        handle->Type = FreeType;
        handle->Secondary = s_free;
        s_free = handle;
    }

    [RuntimeExport("RhHandleSet")]
    private static HandleSlot* Set(HandleSlot* handle, void* target)
    {
        handle->Target = target;
        return handle;
    }

    [RuntimeExport("RhHandleGetDependent")]
    private static void* GetDependent(HandleSlot* handle, void** secondary)
    {
        *secondary = handle->Target == null ? null : handle->Secondary;
        return handle->Target;
    }

    private const long DependentType = 6;
    private const long FreeType = -1;

    private static HandleSlot* New(void* target, void* secondary, long type)
    {
        if (s_free == null && !Refill())
            return null;
        HandleSlot* slot = s_free;
        s_free = (HandleSlot*)slot->Secondary;
        slot->Target = target;
        slot->Secondary = secondary;
        slot->Type = type;
        return slot;
    }

    private static bool Refill()
    {
        var page = (HandleSlot*)PageMemory.AllocatePages(PageMemory.PageSize);
        if (page == null)
            return false;
        for (int i = 0; i < SlotsPerPage; i++)
        {
            page[i].Type = FreeType;
            page[i].Secondary = s_free;
            s_free = &page[i];
        }
        return true;
    }

    private struct HandleSlot
    {
        public void* Target;
        public void* Secondary;
        public long Type;
    }
}
