using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Diagnostics;

/// <summary>
/// Address-to-name lookup over the function table our linker places in the image
/// (<c>__sharprun_symbols</c>: u32 count, then count × {u64 address, u32 name offset} sorted by
/// address, then the NUL-terminated names). Absent in stripped images.
/// </summary>
internal static unsafe class SymbolTable
{
    private const int EntrySize = 12;

    public static bool TryFind(ulong address, out byte* name, out int nameLength, out ulong offset)
    {
        name = null;
        nameLength = 0;
        offset = 0;
        byte* table = Table();
        if (table == null)
            return false;
        uint count = *(uint*)table;
        byte* entries = table + 4;
        byte* names = entries + (ulong)count * EntrySize;
        if (count == 0 || address < *(ulong*)entries)
            return false;
        uint low = 0, high = count - 1;
        while (low < high)
        {
            uint middle = (low + high + 1) / 2;
            if (*(ulong*)(entries + (ulong)middle * EntrySize) <= address)
                low = middle;
            else
                high = middle - 1;
        }
        byte* entry = entries + (ulong)low * EntrySize;
        offset = address - *(ulong*)entry;
        name = names + *(uint*)(entry + 8);
        while (name[nameLength] != 0 && nameLength < 512)
            nameLength++;
        return true;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_symbols")]
    private static extern byte* Table();
}
