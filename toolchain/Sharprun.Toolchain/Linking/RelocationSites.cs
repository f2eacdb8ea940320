using System;
using System.Collections.Generic;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Names a place in an input section for error messages: the object and the nearest preceding symbol
/// (a function when there is one at the same address). Only used on error paths, so it indexes lazily.
/// </summary>
internal sealed class RelocationSites
{
    private readonly Dictionary<ObjectSection, ObjectSymbol[]> _bySection = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ObjectSection, ObjectFile> _owners = new(ReferenceEqualityComparer.Instance);

    public RelocationSites(IReadOnlyList<ObjectFile> objects)
    {
        foreach (var obj in objects)
            foreach (var section in obj.Sections)
                _owners[section] = obj;
    }

    /// <summary>"object (symbol)" or "object (section+0xoffset)".</summary>
    public string Referrer(ObjectFile obj, ObjectSection section, long offset) =>
        $"{SymbolResolver.ObjectName(obj)} ({NearestSymbol(section, offset) ?? $"{section.Name}+0x{offset:x}"})";

    /// <summary>"section+0xoffset in object (in symbol)".</summary>
    public string Describe(ObjectFile obj, ObjectSection section, long offset)
    {
        string? symbol = NearestSymbol(section, offset);
        return $"{section.Name}+0x{offset:x} in {SymbolResolver.ObjectName(obj)}" + (symbol is null ? "" : $" (in {symbol})");
    }

    private string? NearestSymbol(ObjectSection section, long offset)
    {
        if (!_bySection.TryGetValue(section, out var sorted))
        {
            var list = new List<ObjectSymbol>();
            if (_owners.TryGetValue(section, out var owner))
                foreach (var symbol in owner.Symbols)
                    if (ReferenceEquals(symbol.Section, section) && symbol.Type != SymbolType.Section && symbol.Name.Length > 0)
                        list.Add(symbol);
            // Functions sort after other symbols at the same address, so the search below prefers them.
            list.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : (a.Type == SymbolType.Function).CompareTo(b.Type == SymbolType.Function));
            _bySection[section] = sorted = list.ToArray();
        }
        int low = 0, high = sorted.Length - 1, found = -1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            if (sorted[mid].Value <= offset)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found < 0 ? null : sorted[found].Name;
    }
}
