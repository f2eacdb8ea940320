using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// Interface dispatch cells as ILC emits them, and a direct-mapped cache of resolved targets keyed
/// by (cell, receiver type). A cell is {stub, cache word}: the cache word's low two bits say how it
/// names the interface; the slot number sits in the cache word of the null-stub cell ending the run.
/// </summary>
internal static unsafe class InterfaceDispatch
{
    private const nuint PointsAtCache = 0x0;
    private const nuint InterfacePointerOrMetadataToken = 0x1;
    private const nuint IndirectedInterfaceRelativePointer = 0x2;
    private const nuint InterfaceRelativePointer = 0x3;
    private const nuint PointerMask = 0x3;
    private const nuint MaxVTableOffsetPlusOne = 0x1000;

    private const int CellTypeInterfaceAndSlot = 0;
    private const int CellTypeVTableOffset = 2;

    private const int CacheSize = 4096;

    private static CacheEntries s_cache;

    [RuntimeExport("RhpGetDispatchCellInfo")]
    private static void GetDispatchCellInfo(DispatchCell* cell, DispatchCellInfo* info)
    {
        *info = default;
        nuint cache = cell->Cache;
        if (cache < MaxVTableOffsetPlusOne && (cache & PointerMask) == PointsAtCache)
        {
            info->CellType = CellTypeVTableOffset;
            info->VTableOffset = (uint)cache;
            info->HasCache = 1;
            return;
        }
        DispatchCell* terminator = cell;
        while (terminator->Stub != 0)
            terminator++;
        nuint slotAndType = terminator->Cache;
        info->CellType = (int)(slotAndType >> 16);
        if (info->CellType != CellTypeInterfaceAndSlot)
        {
            info->MetadataToken = (uint)(cache >> 2);
            return;
        }
        info->InterfaceSlot = (ushort)slotAndType;
        switch (cache & PointerMask)
        {
            case InterfacePointerOrMetadataToken:
                info->InterfaceType = (MethodTable*)(cache & ~PointerMask);
                break;
            case InterfaceRelativePointer:
            case IndirectedInterfaceRelativePointer:
                nuint target = ((nuint)(&cell->Cache) + (nuint)(nint)(int)(uint)cache) & ~PointerMask;
                info->InterfaceType = (cache & PointerMask) == InterfaceRelativePointer
                    ? (MethodTable*)target
                    : *(MethodTable**)target;
                break;
        }
    }

    /// <summary>A dispatch cell for a call site made at run time: {initial stub, interface}, then the {0, slot} terminator.</summary>
    [RuntimeExport("RhNewInterfaceDispatchCell")]
    private static DispatchCell* NewInterfaceDispatchCell(MethodTable* interfaceType, int slot)
    {
        var cells = (DispatchCell*)Memory.KernelHeap.Allocate((nuint)(2 * sizeof(DispatchCell)));
        if (cells == null)
            return null;
        cells[0].Stub = (nuint)InitialDispatchStub();
        cells[0].Cache = (nuint)interfaceType | InterfacePointerOrMetadataToken;
        cells[1].Stub = 0;
        cells[1].Cache = (nuint)(ushort)slot;
        return cells;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpInitialDynamicInterfaceDispatch")]
    private static extern byte* InitialDispatchStub();

    [RuntimeExport("RhpSearchDispatchCellCache")]
    private static nint SearchDispatchCellCache(DispatchCell* cell, MethodTable* type)
    {
        // Not preemptible: an update by another thread between the reads would pair this key with its target.
        Threading.Preemption.Disable();
        ref CacheEntry entry = ref s_cache[Index(cell, type)];
        nint target = entry.Cell == cell && entry.Type == type ? entry.Target : 0;
        Threading.Preemption.Enable();
        return target;
    }

    [RuntimeExport("RhpUpdateDispatchCellCache")]
    private static nint UpdateDispatchCellCache(DispatchCell* cell, nint target, MethodTable* type, DispatchCellInfo* info)
    {
        Threading.Preemption.Disable();
        ref CacheEntry entry = ref s_cache[Index(cell, type)];
        entry.Cell = cell;
        entry.Type = type;
        entry.Target = target;
        Threading.Preemption.Enable();
        return target;
    }

    private static int Index(DispatchCell* cell, MethodTable* type) =>
        (int)((((nuint)cell >> 4) ^ ((nuint)type >> 3) * 31) & (CacheSize - 1));

    internal struct DispatchCell
    {
        public nuint Stub;
        public nuint Cache;
    }

    /// <summary>CoreLib's System.Runtime.DispatchCellInfo, field for field.</summary>
    internal struct DispatchCellInfo
    {
        public int CellType;
        public MethodTable* InterfaceType;
        public ushort InterfaceSlot;
        public byte HasCache;
        public uint MetadataToken;
        public uint VTableOffset;
    }

    private struct CacheEntry
    {
        public DispatchCell* Cell;
        public MethodTable* Type;
        public nint Target;
    }

    [InlineArray(CacheSize)]
    private struct CacheEntries
    {
        private CacheEntry _first;
    }
}
