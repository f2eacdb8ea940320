using System;
using System.Buffers.Binary;
using System.Text;
using Sharprun.Kernel.Diagnostics;
using Xunit;

namespace Sharprun.Kernel.Tests.Diagnostics;

/// <summary>The panic symbolizer reads the image's ELF symbol table: nearest function symbol at or below an address.</summary>
public sealed unsafe class SymbolTableTests
{
    private const byte Function = 2, Object = 1;

    private static (byte[] Symbols, byte[] Names) Table(params (string Name, byte Type, ulong Value)[] entries)
    {
        var names = new System.Collections.Generic.List<byte> { 0 };
        var symbols = new byte[(entries.Length + 1) * SymbolTable.EntrySize];
        for (int i = 0; i < entries.Length; i++)
        {
            var entry = symbols.AsSpan((i + 1) * SymbolTable.EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)names.Count);
            entry[4] = (byte)(1 << 4 | entries[i].Type);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.Slice(8), entries[i].Value);
            names.AddRange(Encoding.UTF8.GetBytes(entries[i].Name));
            names.Add(0);
        }
        return (symbols, names.ToArray());
    }

    private static (string Name, ulong Offset)? Find(byte[] symbols, byte[] names, ulong address)
    {
        fixed (byte* s = symbols)
        fixed (byte* n = names)
        {
            if (!SymbolTable.TryFindIn(s, (ulong)(symbols.Length / SymbolTable.EntrySize), n, address, out byte* name, out int length, out ulong offset))
                return null;
            return (Encoding.UTF8.GetString(name, length), offset);
        }
    }

    [Fact]
    public void FindsTheNearestFunctionBelowInAnUnsortedTable()
    {
        var (symbols, names) = Table(("later", Function, 0x3000), ("data", Object, 0x2100), ("first", Function, 0x1000), ("middle", Function, 0x2000));
        Assert.Equal(("first", 0UL), Find(symbols, names, 0x1000));
        Assert.Equal(("first", 0xFFFUL), Find(symbols, names, 0x1FFF));
        Assert.Equal(("middle", 0x150UL), Find(symbols, names, 0x2150));
        Assert.Equal(("later", 0x10UL), Find(symbols, names, 0x3010));
    }

    [Fact]
    public void NothingBelowTheFirstFunctionOrInAnEmptyTable()
    {
        var (symbols, names) = Table(("f", Function, 0x1000), ("d", Object, 0x10));
        Assert.Null(Find(symbols, names, 0x20));
        Assert.Null(Find([], [0], 0x1000));
    }
}
