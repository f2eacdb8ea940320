using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Kernel.Finalization;
using Sharprun.Kernel.Gc;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The allocation entry points of the runtime contract. When the heap cannot satisfy a request even
/// after a collection, CoreLib's FailedAllocation throws OutOfMemoryException to the allocating code,
/// as the native runtime's allocation helpers do. Finalizers made ready by a collection run here,
/// after the allocation, where the program is at a call and no runtime state is half-updated.
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
        if (!FinalizationQueue.Register(obj))
            FailedAllocation(type, false);
        return obj;
    }

    [RuntimeExport("RhpNewArray")]
    private static void* NewArray(MethodTable* type, int length) => NewArrayOrString(type, length);

    [RuntimeExport("RhNewString")]
    private static void* NewString(MethodTable* type, int length) => NewArrayOrString(type, length);

    [RuntimeExport("RhAllocateNewArray")]
    private static void AllocateNewArray(MethodTable* type, uint length, uint flags, void** result)
    {
        *result = null;
        if (length > MaxArrayLength)
            return;
        *result = TryAllocate(type, type->BaseSize + (nuint)length * type->ComponentSize);
        if (*result != null)
            *(int*)((byte*)*result + 8) = (int)length;
    }

    [RuntimeExport("RhAllocateNewObject")]
    private static void AllocateNewObject(MethodTable* type, uint flags, void** result)
    {
        byte* obj = TryAllocate(type, type->BaseSize);
        if (obj != null && (type->HasFinalizer || (flags & FinalizeFlag) != 0) && !FinalizationQueue.Register(obj))
            obj = null;
        *result = obj;
    }

    private static void* NewObject(MethodTable* type)
    {
        byte* obj = TryAllocate(type, type->BaseSize);
        if (obj == null)
            FailedAllocation(type, false);
        return obj;
    }

    private static void* NewArrayOrString(MethodTable* type, int length)
    {
        if ((uint)length > MaxArrayLength)
        {
            // CoreLib turns this into OverflowException for negative lengths and OutOfMemoryException for huge ones.
            FailedAllocation(type, length < 0);
            return null;
        }
        byte* obj = TryAllocate(type, type->BaseSize + (nuint)length * type->ComponentSize);
        if (obj == null)
            FailedAllocation(type, false);
        *(int*)(obj + 8) = length;
        return obj;
    }

    /// <summary>A zeroed object of <paramref name="type"/> with its MethodTable set, or null when memory is exhausted.</summary>
    private static byte* TryAllocate(MethodTable* type, nuint size)
    {
        byte* obj = GcHeap.Allocate(size);
        if (obj == null)
            return null;
        *(MethodTable**)obj = type;
        if (FinalizationQueue.ReadyCount != 0)
            FinalizerRunner.RunPending();
        return obj;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("RhExceptionHandling_FailedAllocation")]
    private static extern void FailedAllocation(MethodTable* type, bool isOverflow);
}
