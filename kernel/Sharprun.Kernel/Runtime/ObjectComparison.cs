using System.Runtime;

namespace Sharprun.Kernel.Runtime;

/// <summary>ValueType.Equals' fast path for boxed structs without references or gaps that matter: compare the bytes.</summary>
internal static unsafe class ObjectComparison
{
    /// <summary>
    /// True when two objects of the same type hold the same bytes, padding included, from the first field to
    /// the end of the base size (BaseSize counts the header word before the MethodTable pointer and that pointer).
    /// </summary>
    [RuntimeExport("RhCompareObjectContentsAndPadding")]
    private static bool CompareContentsAndPadding(byte* first, byte* second)
    {
        MethodTable* type = *(MethodTable**)first;
        nuint length = type->BaseSize - 2 * (nuint)sizeof(nint);
        byte* a = first + sizeof(nint);
        byte* b = second + sizeof(nint);
        for (nuint i = 0; i < length; i++)
        {
            if (a[i] != b[i])
                return false;
        }
        return true;
    }
}
