using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Kernel.Gc;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The allocation entry points of the runtime contract. When the heap cannot satisfy a request even
/// after a collection, CoreLib's FailedAllocation throws OutOfMemoryException to the allocating code,
/// as the native runtime's allocation helpers do.
/// </summary>
internal static unsafe class ObjectAllocation
{
    /// <summary>Largest element count CoreLib accepts for arrays (Array.MaxLength).</summary>
    private const uint MaxArrayLength = 0x7FFFFFC7;

    /// <summary>GC_ALLOC_FINALIZE in the flags of RhAllocateNewObject.</summary>
    private const uint FinalizeFlag = 1;

    [RuntimeExport("RhpNewFast")]
    private static void* NewFast(MethodTable* type) => NewObject(type);

    [RuntimeExport("RhpNewFinalizable")]
    private static void* NewFinalizable(MethodTable* type)
    {
        byte* obj = (byte*)NewObject(type);
        if (!RegisterForFinalization(obj))
            FailedAllocation(type, false);
        return obj;
    }

    [RuntimeExport("RhpNewArrayFast")]
    private static void* NewArray(MethodTable* type, int length) => NewArrayOrString(type, length);

    /// <summary>Arrays of references (.NET 10 gives them their own helper; the layout is the same here).</summary>
    [RuntimeExport("RhpNewPtrArrayFast")]
    private static void* NewPointerArray(MethodTable* type, int length) => NewArrayOrString(type, length);

    [RuntimeExport("RhNewString")]
    private static void* NewString(MethodTable* type, int length) => NewArrayOrString(type, length);

    [RuntimeExport("RhAllocateNewArray")]
    private static void AllocateNewArray(MethodTable* type, uint length, uint flags, void** result)
    {
        *result = null;
        if (length > MaxArrayLength)
            return;
        *result = TryAllocate(type, type->BaseSize + (nuint)length * type->ComponentSize, (int)length);
    }

    [RuntimeExport("RhAllocateNewObject")]
    private static void AllocateNewObject(MethodTable* type, uint flags, void** result)
    {
        byte* obj = TryAllocate(type, type->BaseSize);
        if (obj != null && (type->HasFinalizer || (flags & FinalizeFlag) != 0) && !RegisterForFinalization(obj))
            obj = null;
        *result = obj;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void* NewObject(MethodTable* type)
    {
        byte* obj = TryAllocate(type, type->BaseSize);
        if (obj == null)
            FailedAllocation(type, false);
        return obj;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void* NewArrayOrString(MethodTable* type, int length)
    {
        if ((uint)length > MaxArrayLength)
        {
            // CoreLib turns this into OverflowException for negative lengths and OutOfMemoryException for huge ones.
            FailedAllocation(type, length < 0);
            return null;
        }
        byte* obj = TryAllocate(type, type->BaseSize + (nuint)length * type->ComponentSize, length);
        if (obj == null)
            FailedAllocation(type, false);
        return obj;
    }

    /// <summary>
    /// A zeroed object of <paramref name="type"/> with its MethodTable (and, for arrays and strings, its length)
    /// set, or null when memory is exhausted. Not preemptible until the object is whole, so that a collection
    /// started by another thread never walks a half-made object. Inlined into every entry point: the bump
    /// allocation is the whole cost of most allocations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* TryAllocate(MethodTable* type, nuint size, int length = -1)
    {
        size = (size + 7) & ~(nuint)7;
        Preemption.Disable();
        byte* obj = size < SmallObjectSpace.LargestObject ? SmallObjectSpace.TryAllocate(size) : null;
        if (obj == null)
        {
            Preemption.Enable();
            return TryAllocateSlow(type, size, length);
        }
        *(MethodTable**)obj = type;
        if (length >= 0)
            *(int*)(obj + 8) = length;
        Preemption.Enable();
        return obj;
    }

    /// <summary>A new span, a large object, or a collection first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* TryAllocateSlow(MethodTable* type, nuint size, int length)
    {
        Preemption.Disable();
        byte* obj = GcHeap.Allocate(size);
        if (obj != null)
        {
            *(MethodTable**)obj = type;
            if (length >= 0)
                *(int*)(obj + 8) = length;
        }
        Preemption.Enable();
        return obj;
    }

    private static bool RegisterForFinalization(byte* obj)
    {
        Preemption.Disable();
        bool registered = FinalizationQueue.Register(obj);
        Preemption.Enable();
        return registered;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("RhExceptionHandling_FailedAllocation")]
    private static extern void FailedAllocation(MethodTable* type, bool isOverflow);
}
