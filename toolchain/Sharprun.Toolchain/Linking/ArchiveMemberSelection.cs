using System.Collections.Generic;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Chooses the archive members a link needs, as ld does for archives in one group: a member is pulled when its
/// archive's index names it for a symbol that some loaded object references strongly and no loaded object
/// defines; what the pulled member references is then needed too, until nothing more is pulled. Archives are
/// searched in order; weak references pull nothing.
/// </summary>
internal static class ArchiveMemberSelection
{
    /// <summary>The pulled members as objects, in the order they were pulled.</summary>
    public static List<ObjectFile> Select(IReadOnlyList<ObjectFile> objects, IReadOnlyList<ObjectArchive> archives)
    {
        var pulled = new List<ObjectFile>();
        if (archives.Count == 0)
            return pulled;
        var defined = new HashSet<string>(System.StringComparer.Ordinal);
        var needed = new NeededNames();
        var loaded = new HashSet<ArchiveMember>(ReferenceEqualityComparer.Instance);
        foreach (var obj in objects)
            AddDefinitions(obj, defined);
        foreach (var obj in objects)
            AddReferences(obj, needed);
        while (needed.TryDequeue(out var name))
        {
            if (defined.Contains(name))
                continue;
            foreach (var archive in archives)
            {
                if (archive.FindDefinition(name) is not { } member)
                    continue;
                if (loaded.Add(member))
                {
                    var obj = Read(member, name);
                    pulled.Add(obj);
                    AddDefinitions(obj, defined);
                    AddReferences(obj, needed);
                }
                break;
            }
        }
        return pulled;
    }

    private static ObjectFile Read(ArchiveMember member, string neededFor)
    {
        try
        {
            return ElfObjectReader.Read(member.Contents.ToArray(), member.DisplayName);
        }
        catch (ElfFormatException e)
        {
            throw new LinkException($"cannot read archive member {member.DisplayName} (pulled in for {neededFor}): {e.Message}");
        }
    }

    private static void AddDefinitions(ObjectFile obj, HashSet<string> defined)
    {
        foreach (var symbol in obj.Symbols)
            if (symbol.IsDefined && symbol.Binding != SymbolBinding.Local && symbol.Type != SymbolType.Section)
                defined.Add(symbol.Name);
    }

    /// <summary>Strong undefined references: listed symbols and relocation targets (the stub assembler lists only the latter).</summary>
    private static void AddReferences(ObjectFile obj, NeededNames needed)
    {
        var locals = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var symbol in obj.Symbols)
            if (symbol.IsDefined && symbol.Binding == SymbolBinding.Local && symbol.Type != SymbolType.Section)
                locals.Add(symbol.Name);
        foreach (var symbol in obj.Symbols)
            AddIfNeeded(symbol, locals, needed);
        foreach (var section in obj.Sections)
            if (section.Kind != SectionKind.NonAlloc)
                foreach (var relocation in section.Relocations)
                    AddIfNeeded(relocation.Symbol, locals, needed);
    }

    // An undefined reference to a name the object defines locally binds to that local (see SymbolResolver).
    private static void AddIfNeeded(ObjectSymbol symbol, HashSet<string> locals, NeededNames needed)
    {
        if (!symbol.IsDefined && symbol.Binding != SymbolBinding.Weak && !locals.Contains(symbol.Name))
            needed.Add(symbol.Name);
    }

    /// <summary>Names in the order first referenced, each once.</summary>
    private sealed class NeededNames
    {
        private readonly Queue<string> _pending = new();
        private readonly HashSet<string> _seen = new(System.StringComparer.Ordinal);

        public void Add(string name)
        {
            if (_seen.Add(name))
                _pending.Enqueue(name);
        }

        public bool TryDequeue([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string name) => _pending.TryDequeue(out name);
    }
}
