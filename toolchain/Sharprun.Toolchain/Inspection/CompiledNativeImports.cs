using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The lazily bound P/Invokes of ILC's object: exactly those it compiled, since it emits an import cell only for a
/// P/Invoke whose stub it generated (an unreachable one, on linux-x64, has none). A cell <c>__pinvoke_*</c> holds the
/// resolved address, then pointers to the entry point's name and to its module cell <c>__nativemodule_*</c>, which
/// holds the library handle, then a pointer to the library's name (ILC's PInvokeMethodFixupNode and
/// PInvokeModuleFixupNode).
/// </summary>
public static class CompiledNativeImports
{
    public const string ImportCellPrefix = "__pinvoke_";
    private const long EntryPointNameOffset = 8;
    private const long ModuleCellOffset = 16;
    private const long LibraryNameOffset = 8;

    /// <summary>One import per cell, ordered by library and entry point; throws InvalidDataException when a cell does not have the layout above.</summary>
    public static IReadOnlyList<CompiledNativeImport> Read(ObjectFile compiled)
    {
        var pointers = new Dictionary<(ObjectSection Section, long Offset), ObjectRelocation>();
        foreach (var section in compiled.Sections)
            foreach (var relocation in section.Relocations.Where(r => r.Type == RelocationType.Absolute64))
                pointers[(section, relocation.Offset)] = relocation;

        return compiled.Symbols
            .Where(symbol => symbol.Section is not null && symbol.Name.StartsWith(ImportCellPrefix, StringComparison.Ordinal))
            .Select(cell =>
            {
                var module = Pointer(pointers, cell, 0, ModuleCellOffset);
                return new CompiledNativeImport(
                    NulTerminated(Pointer(pointers, module.Symbol, module.Addend, LibraryNameOffset), cell),
                    NulTerminated(Pointer(pointers, cell, 0, EntryPointNameOffset), cell));
            })
            .Distinct()
            .OrderBy(import => import.Library, StringComparer.Ordinal)
            .ThenBy(import => import.EntryPoint, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The pointer stored <paramref name="offset"/> bytes into the data at <paramref name="symbol"/> + <paramref name="addend"/>.</summary>
    private static ObjectRelocation Pointer(Dictionary<(ObjectSection, long), ObjectRelocation> pointers, ObjectSymbol symbol, long addend, long offset) =>
        symbol.Section is { } section && pointers.TryGetValue((section, symbol.Value + addend + offset), out var pointer)
            ? pointer
            : throw new InvalidDataException($"ILC's P/Invoke data at {symbol.Name}+{addend + offset} holds no pointer (has ILC's import cell layout changed?)");

    private static string NulTerminated(ObjectRelocation pointer, ObjectSymbol cell)
    {
        if (pointer.Symbol.Section is not { IsZeroFilled: false } section)
            throw new InvalidDataException($"the name of P/Invoke cell {cell.Name} points to {pointer.Symbol.Name}, which has no data");
        int start = checked((int)(pointer.Symbol.Value + pointer.Addend));
        int end = Array.IndexOf(section.Data, (byte)0, start);
        if (end < 0)
            throw new InvalidDataException($"the name of P/Invoke cell {cell.Name} at {pointer.Symbol.Name} is not terminated");
        return Encoding.UTF8.GetString(section.Data, start, end - start);
    }
}
