using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Runtime;

/// <summary>The allocation entry points of the runtime contract.</summary>
internal static unsafe class ObjectAllocation
{
    /// <summary>Largest element count CoreLib accepts for arrays (Array.MaxLength).</summary>
    private const uint MaxArrayLength = 0x7FFFFFC7;

    [RuntimeExport("RhpNewFast")]
    private static void* NewFast(MethodTable* type) => NewObject(type);

    [RuntimeExport("RhpNewFinalizable")]
    private static void* NewFinalizable(MethodTable* type) => NewObject(type);

    [RuntimeExport("RhpNewArray")]
    private static void* NewArray(MethodTable* type, int length) => NewArrayOrString(type, length);

    [RuntimeExport("RhNewString")]
    private static void* NewString(MethodTable* type, int length) => NewArrayOrString(type, length);

    [RuntimeExport("RhAllocateNewArray")]
    private static void AllocateNewArray(MethodTable* type, uint length, uint flags, void** result) =>
        *result = length > MaxArrayLength ? null : NewArrayOrString(type, (int)length);

    [RuntimeExport("RhAllocateNewObject")]
    private static void AllocateNewObject(MethodTable* type, uint flags, void** result) => *result = NewObject(type);

    private static void* NewObject(MethodTable* type)
    {
        nuint size = type->BaseSize;
        byte* memory = GcHeap.Allocate(size);
        if (memory == null)
            GcHeap.OutOfMemory(size);
        *(MethodTable**)memory = type;
        return memory;
    }

    private static void* NewArrayOrString(MethodTable* type, int length)
    {
        if ((uint)length > MaxArrayLength)
        {
            // CoreLib turns this into OverflowException for negative lengths and OutOfMemoryException for huge ones.
            FailedAllocation(type, length < 0);
            return null;
        }
        nuint size = type->BaseSize + (nuint)length * type->ComponentSize;
        byte* memory = GcHeap.Allocate(size);
        if (memory == null)
            GcHeap.OutOfMemory(size);
        *(MethodTable**)memory = type;
        *(int*)(memory + 8) = length;
        return memory;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("RhExceptionHandling_FailedAllocation")]
    private static extern void FailedAllocation(MethodTable* type, bool isOverflow);
}
