using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Turns every object symbol into a <see cref="LinkSymbol"/> and binds each relocation to one:
/// locals bind within their object, globals across objects (a strong definition beats weak ones; two strong
/// ones are an error), then linker-defined names, then undefined weak references (value 0).
/// An undefined reference is looked up first among its own object's locals by name, because the stub
/// assembler refers to every symbol, even one of its own locals, by name.
/// </summary>
internal sealed class SymbolResolver
{
    private const int ReferrersShown = 3;

    private readonly IReadOnlyList<ObjectFile> _objects;
    private readonly Dictionary<string, LinkSymbol> _globals = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectSymbol, LinkSymbol> _bySource = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ObjectFile, Dictionary<string, LinkSymbol>> _localsByName = new(ReferenceEqualityComparer.Instance);
    private readonly LinkSymbol _undefinedWeak = new("", LinkSymbolOrigin.UndefinedWeak, null, null, isGlobal: false);

    public SymbolResolver(IReadOnlyList<ObjectFile> objects, IEnumerable<string> linkerNames)
    {
        _objects = objects;
        var duplicates = new List<string>();
        foreach (var obj in objects)
        {
            var locals = new Dictionary<string, LinkSymbol>(StringComparer.Ordinal);
            _localsByName[obj] = locals;
            foreach (var symbol in obj.Symbols)
            {
                if (!symbol.IsDefined)
                    continue;
                bool isLocal = symbol.Binding == SymbolBinding.Local || symbol.Type == SymbolType.Section;
                var link = new LinkSymbol(symbol.Name, LinkSymbolOrigin.Object, obj, symbol, !isLocal);
                _bySource[symbol] = link;
                All.Add(link);
                if (isLocal)
                {
                    if (symbol.Type != SymbolType.Section)
                        locals.TryAdd(symbol.Name, link);
                    continue;
                }
                if (!_globals.TryGetValue(symbol.Name, out var existing))
                {
                    _globals[symbol.Name] = link;
                }
                else if (symbol.Binding == SymbolBinding.Weak)
                {
                    link.IsOverridden = true;
                }
                else if (existing.Source!.Binding == SymbolBinding.Weak)
                {
                    existing.IsOverridden = true;
                    _globals[symbol.Name] = link;
                }
                else
                {
                    duplicates.Add($"duplicate symbol {symbol.Name}, defined in {ObjectName(existing.Owner!)} and {ObjectName(obj)}");
                }
            }
        }
        foreach (string name in linkerNames)
        {
            if (_globals.TryGetValue(name, out var existing))
                duplicates.Add($"symbol {name} is defined by the linker and by {ObjectName(existing.Owner!)}");
            else
                All.Add(_globals[name] = new LinkSymbol(name, LinkSymbolOrigin.Linker, null, null, isGlobal: true));
        }
        if (duplicates.Count > 0)
            throw new LinkException(string.Join(Environment.NewLine, duplicates.Order(StringComparer.Ordinal)));
    }

    /// <summary>Every symbol defined by an object or the linker, in object order, linker symbols last.</summary>
    public List<LinkSymbol> All { get; } = new();

    public LinkSymbol? FindGlobal(string name) => _globals.GetValueOrDefault(name);

    /// <summary>
    /// Binds every relocation of every loaded section; throws one <see cref="LinkException"/> listing all
    /// undefined symbols with their referrers. The result is parallel to each section's relocation list.
    /// </summary>
    public Dictionary<ObjectSection, LinkSymbol[]> ResolveRelocations(RelocationSites sites)
    {
        var result = new Dictionary<ObjectSection, LinkSymbol[]>(ReferenceEqualityComparer.Instance);
        var undefined = new SortedDictionary<string, List<(ObjectFile Object, ObjectSection Section, long Offset)>>(StringComparer.Ordinal);
        foreach (var obj in _objects)
        {
            foreach (var section in obj.Sections)
            {
                if (section.Kind == SectionKind.NonAlloc || section.Relocations.Count == 0)
                    continue;
                var targets = new LinkSymbol[section.Relocations.Count];
                for (int i = 0; i < targets.Length; i++)
                {
                    var relocation = section.Relocations[i];
                    var target = Resolve(obj, relocation.Symbol);
                    if (target is null)
                    {
                        if (!undefined.TryGetValue(relocation.Symbol.Name, out var referrers))
                            undefined[relocation.Symbol.Name] = referrers = new();
                        referrers.Add((obj, section, relocation.Offset));
                        continue;
                    }
                    if (target.IsInDroppedSection)
                        throw new LinkException($"symbol {target.Name} is in section {target.Source!.Section!.Name}, which is not loaded, but is referenced by {sites.Describe(obj, section, relocation.Offset)}");
                    targets[i] = target;
                }
                result[section] = targets;
            }
        }
        if (undefined.Count > 0)
            throw new LinkException(DescribeUndefined(undefined, sites));
        return result;
    }

    private LinkSymbol? Resolve(ObjectFile obj, ObjectSymbol symbol)
    {
        if (symbol.IsDefined)
        {
            if (symbol.Binding == SymbolBinding.Local || symbol.Type == SymbolType.Section)
            {
                if (!_bySource.TryGetValue(symbol, out var local))
                {
                    // A relocation may name a defined symbol its object does not list; its value is still known.
                    local = new LinkSymbol(symbol.Name, LinkSymbolOrigin.Object, obj, symbol, isGlobal: false);
                    _bySource[symbol] = local;
                    All.Add(local);
                }
                return local;
            }
            if (_globals.TryGetValue(symbol.Name, out var winner))
                return winner;
            // Defined global that is not in the object's symbol list: treat like a listed one.
            var added = new LinkSymbol(symbol.Name, LinkSymbolOrigin.Object, obj, symbol, isGlobal: true);
            _bySource[symbol] = added;
            All.Add(added);
            return _globals[symbol.Name] = added;
        }
        if (_localsByName[obj].TryGetValue(symbol.Name, out var byName))
            return byName;
        if (_globals.TryGetValue(symbol.Name, out var global))
            return global;
        return symbol.Binding == SymbolBinding.Weak ? _undefinedWeak : null;
    }

    private static string DescribeUndefined(SortedDictionary<string, List<(ObjectFile Object, ObjectSection Section, long Offset)>> undefined, RelocationSites sites)
    {
        var text = new StringBuilder();
        text.Append(undefined.Count).Append(undefined.Count == 1 ? " undefined symbol:" : " undefined symbols:");
        foreach (var (name, places) in undefined)
        {
            var referrers = places.Select(p => sites.Referrer(p.Object, p.Section, p.Offset)).Distinct().Order(StringComparer.Ordinal).ToList();
            text.AppendLine().Append("undefined symbol ").Append(name).Append(", referenced by ");
            text.AppendJoin(", ", referrers.Take(ReferrersShown));
            if (referrers.Count > ReferrersShown)
                text.Append(" and ").Append(referrers.Count - ReferrersShown).Append(" more");
        }
        return text.ToString();
    }

    public static string ObjectName(ObjectFile obj) => System.IO.Path.GetFileName(obj.Name) is { Length: > 0 } file ? file : obj.Name;
}
