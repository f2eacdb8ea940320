using System.Runtime.CompilerServices;
using Sharprun.Kernel.Runtime;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// An object as the collector sees it: a header word, then the MethodTable pointer (where references
/// point), then the fields. MethodTables are 8-aligned, so during a collection the pointer's low bit is
/// the mark bit. CoreLib keeps hash codes and thin locks in the upper half of the header word; the lower
/// half is free, and the collector keeps an object's finalization state there.
/// </summary>
internal static unsafe class HeapObject
{
    public const nuint HeaderSize = 8;

    /// <summary>The smallest object: header, MethodTable pointer and one word (e.g. an array's length).</summary>
    public const nuint MinimumSize = 24;

    /// <summary>GC.SuppressFinalize was called: skip the finalizer.</summary>
    public const uint FinalizerSuppressed = 1;

    /// <summary>The object is in the finalization queue's registered list.</summary>
    public const uint RegisteredForFinalization = 2;

    private const nuint MarkBit = 1;

    public static MethodTable* TypeOf(byte* obj) => (MethodTable*)(*(nuint*)obj & ~MarkBit);

    public static bool IsMarked(byte* obj) => (*(nuint*)obj & MarkBit) != 0;

    public static void SetMarked(byte* obj) => *(nuint*)obj |= MarkBit;

    public static void ClearMarked(byte* obj) => *(nuint*)obj &= ~MarkBit;

    public static ref uint CollectorFlags(byte* obj) => ref *(uint*)(obj - HeaderSize);

    /// <summary>Bytes the object occupies in the heap, header included, rounded to 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint SizeOf(byte* obj) => (ExactSizeOf(obj, TypeOf(obj)) + 7) & ~(nuint)7;

    /// <summary>Base size plus elements, not rounded: what the GCDesc's series are relative to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint ExactSizeOf(byte* obj, MethodTable* type)
    {
        nuint size = type->BaseSize;
        uint componentSize = type->ComponentSize;
        if (componentSize != 0)
            size += (nuint)(*(uint*)(obj + 8)) * componentSize;
        return size;
    }
}
