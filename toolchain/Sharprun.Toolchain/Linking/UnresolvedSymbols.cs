using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The names a link of these objects and archives would leave undefined: strong references that neither an
/// object, a pulled archive member nor the linker defines. Known before linking, so the build can bind some of
/// them (framework imports the kernel lacks) to stubs it generates.
/// </summary>
public static class UnresolvedSymbols
{
    public static IReadOnlyList<string> Of(IReadOnlyList<ObjectFile> objects, IReadOnlyList<ObjectArchive> archives)
    {
        IReadOnlyList<ObjectFile> all = [.. objects, .. ArchiveMemberSelection.Select(objects, archives)];
        var defined = new HashSet<string>(LinkerDefinedSymbols.Names(all), StringComparer.Ordinal);
        foreach (var obj in all)
            foreach (var symbol in obj.Symbols)
                if (symbol.IsDefined && symbol.Binding != SymbolBinding.Local && symbol.Type != SymbolType.Section)
                    defined.Add(symbol.Name);

        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var obj in all)
        {
            // An undefined reference to a name the object defines locally binds to that local (see SymbolResolver).
            var locals = obj.Symbols
                .Where(s => s.IsDefined && s.Binding == SymbolBinding.Local && s.Type != SymbolType.Section)
                .Select(s => s.Name)
                .ToHashSet(StringComparer.Ordinal);
            var references = obj.Symbols.Concat(obj.Sections
                .Where(section => section.Kind != SectionKind.NonAlloc)
                .SelectMany(section => section.Relocations.Select(relocation => relocation.Symbol)));
            foreach (var symbol in references)
                if (!symbol.IsDefined && symbol.Name.Length > 0 && symbol.Binding != SymbolBinding.Weak && !locals.Contains(symbol.Name) && !defined.Contains(symbol.Name))
                    unresolved.Add(symbol.Name);
        }
        return unresolved.ToList();
    }
}
