using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The function-address table the kernel's panic symbolizer binary-searches (symbol __sharprun_symbols):
/// u32 count; then count packed 12-byte entries {u64 address, u32 name offset} sorted by address, the name
/// offset counting from the first byte after the entries; then the NUL-terminated UTF-8 names.
/// Holds function symbols that have a size or lie in code sections; empty (count 0) when stripping.
/// </summary>
internal sealed class SymbolizerTable
{
    private const int EntrySize = 12;

    private readonly List<LinkSymbol> _functions = new();
    private readonly int _namesSize;

    public SymbolizerTable(IEnumerable<LinkSymbol> symbols, bool strip)
    {
        if (strip)
            return;
        foreach (var symbol in symbols)
        {
            if (symbol.Origin != LinkSymbolOrigin.Object || symbol.IsOverridden || symbol.IsInDroppedSection)
                continue;
            var source = symbol.Source!;
            if (source.Type == SymbolType.Function && source.Section is not null && (source.Size > 0 || source.Section.Kind == SectionKind.Code))
            {
                _functions.Add(symbol);
                _namesSize += Encoding.UTF8.GetByteCount(symbol.Name) + 1;
            }
        }
    }

    public int Size => 4 + _functions.Count * EntrySize + _namesSize;

    public void Write(Span<byte> target)
    {
        var sorted = _functions.ToArray();
        var keys = new (ulong Address, int Order)[sorted.Length];
        for (int i = 0; i < keys.Length; i++)
            keys[i] = (sorted[i].Address, i);
        Array.Sort(keys, sorted);
        BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)sorted.Length);
        int namesStart = 4 + sorted.Length * EntrySize;
        int nameOffset = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            var entry = target.Slice(4 + i * EntrySize);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, sorted[i].Address);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.Slice(8), (uint)nameOffset);
            nameOffset += Encoding.UTF8.GetBytes(sorted[i].Name, target.Slice(namesStart + nameOffset)) + 1;
            target[namesStart + nameOffset - 1] = 0;
        }
    }
}
