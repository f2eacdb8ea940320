using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Diagnostics;

/// <summary>
/// Address-to-name lookup for panic reports, over the image's own ELF symbol table: the linker loads .symtab
/// and .strtab with the image (between <c>__sharprun_symbols</c> and <c>__sharprun_symbols_end</c>, names at
/// <c>__sharprun_symbol_names</c>), the same table gdb reads. Empty in stripped images. A panic is rare, so a
/// linear scan is enough and the table needs no sorting. Beneath the runtime: no allocation.
/// </summary>
public static unsafe class SymbolTable
{
    /// <summary>Elf64_Sym: u32 name, u8 info, u8 other, u16 section, u64 value, u64 size.</summary>
    public const int EntrySize = 24;

    private const byte TypeFunction = 2;
    private const int MaxNameLength = 512;

    public static bool TryFind(ulong address, out byte* name, out int nameLength, out ulong offset)
    {
        byte* symbols = Symbols();
        ulong count = (ulong)(SymbolsEnd() - symbols) / EntrySize;
        return TryFindIn(symbols, count, Names(), address, out name, out nameLength, out offset);
    }

    /// <summary>
    /// The function symbol that starts closest below or at <paramref name="address"/> among <paramref name="count"/>
    /// Elf64_Sym entries, with its name from <paramref name="names"/> and the distance from its start.
    /// </summary>
    public static bool TryFindIn(byte* symbols, ulong count, byte* names, ulong address, out byte* name, out int nameLength, out ulong offset)
    {
        name = null;
        nameLength = 0;
        offset = 0;
        byte* best = null;
        ulong bestValue = 0;
        for (ulong i = 0; i < count; i++)
        {
            byte* entry = symbols + i * EntrySize;
            ulong value = *(ulong*)(entry + 8);
            if ((entry[4] & 0xF) != TypeFunction || value > address || (best != null && value <= bestValue))
                continue;
            best = entry;
            bestValue = value;
        }
        if (best == null)
            return false;
        offset = address - bestValue;
        name = names + *(uint*)best;
        while (nameLength < MaxNameLength && name[nameLength] != 0)
            nameLength++;
        return true;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_symbols")]
    private static extern byte* Symbols();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_symbols_end")]
    private static extern byte* SymbolsEnd();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_symbol_names")]
    private static extern byte* Names();
}
