using Sharprun.Kernel.Runtime;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Finds an object's reference fields from the GCDesc ILC places just before each MethodTable that
/// has any. The word before the MethodTable is a series count. A positive count n is followed (going
/// down in memory) by n series of {size, start offset}: the references run from start offset for
/// size + object size bytes. A negative count -n describes an array of structs: one start offset and
/// n items of {pointer count, bytes to skip} (32 bits each) that repeat to the end of the object.
/// </summary>
internal static unsafe class ReferenceFields
{
    public static void Visit<TVisitor>(byte* obj, MethodTable* type, ref TVisitor visitor)
        where TVisitor : struct, IReferenceVisitor
    {
        if (!type->ContainsGCPointers)
            return;
        nint* descriptor = (nint*)type;
        nint seriesCount = descriptor[-1];
        nuint size = HeapObject.ExactSizeOf(obj, type);
        if (seriesCount > 0)
        {
            for (nint i = 0; i < seriesCount; i++)
            {
                nint seriesSize = descriptor[-3 - 2 * i];
                nint startOffset = descriptor[-2 - 2 * i];
                byte** slot = (byte**)(obj + startOffset);
                byte** end = (byte**)(obj + startOffset + seriesSize + (nint)size);
                for (; slot < end; slot++)
                    visitor.Visit(slot);
            }
            return;
        }

        nint itemCount = -seriesCount;
        byte* cursor = obj + descriptor[-2];
        byte* objectEnd = obj + size - HeapObject.HeaderSize;
        uint* items = (uint*)(descriptor - 3);
        while (cursor < objectEnd)
        {
            for (nint i = 0; i < itemCount; i++)
            {
                uint pointerCount = items[-2 * i];
                uint skip = items[-2 * i + 1];
                byte** slot = (byte**)cursor;
                for (uint j = 0; j < pointerCount; j++)
                    visitor.Visit(slot + j);
                cursor += pointerCount * (nuint)sizeof(byte*) + skip;
            }
        }
    }
}
