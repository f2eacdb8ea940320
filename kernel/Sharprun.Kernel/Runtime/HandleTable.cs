using System.Runtime;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// GC handles. CoreLib dereferences a handle directly as a pointer to an object reference, so a
/// handle is the address of a slot: {target, secondary (dependent handles), type}. Slots live in
/// pages chained together, so the collector can visit every handle; free slots are recycled.
/// </summary>
internal static unsafe class HandleTable
{
    private static HandlePage* s_pages;
    private static HandleSlot* s_free;

    /// <summary>Every page of handles, for the collector; free slots have type <see cref="HandleSlot.FreeType"/>.</summary>
    public static HandlePage* Pages => s_pages;

    [RuntimeExport("RhpHandleAlloc")]
    private static HandleSlot* Allocate(void* target, int type) => New(target, null, type);

    [RuntimeExport("RhpHandleAllocDependent")]
    private static HandleSlot* AllocateDependent(void* primary, void* secondary) => New(primary, secondary, HandleSlot.DependentType);

    [RuntimeExport("RhHandleFree")]
    private static void Free(HandleSlot* handle)
    {
        if (handle == null)
            return;
        Threading.Preemption.Disable();
        handle->Target = null;
        handle->Type = HandleSlot.FreeType;
        handle->Secondary = s_free;
        s_free = handle;
        Threading.Preemption.Enable();
    }

    [RuntimeExport("RhHandleGet")]
    private static void* Get(HandleSlot* handle) => handle->Target;

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

    [RuntimeExport("RhHandleSetDependentSecondary")]
    private static void SetDependentSecondary(HandleSlot* handle, void* secondary) => handle->Secondary = secondary;

    private static HandleSlot* New(void* target, void* secondary, long type)
    {
        Threading.Preemption.Disable();
        HandleSlot* slot = null;
        if (s_free != null || Refill())
        {
            slot = s_free;
            s_free = (HandleSlot*)slot->Secondary;
            slot->Target = target;
            slot->Secondary = secondary;
            slot->Type = type;
        }
        Threading.Preemption.Enable();
        return slot;
    }

    private static bool Refill()
    {
        var page = (HandlePage*)PageMemory.AllocatePages((nuint)sizeof(HandlePage));
        if (page == null)
            return false;
        page->Next = s_pages;
        s_pages = page;
        HandleSlot* slots = page->First;
        for (int i = 0; i < HandlePage.SlotCount; i++)
        {
            slots[i].Type = HandleSlot.FreeType;
            slots[i].Secondary = s_free;
            s_free = &slots[i];
        }
        return true;
    }
}
