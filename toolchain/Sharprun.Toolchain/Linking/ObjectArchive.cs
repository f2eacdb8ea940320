using System.Collections.Generic;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// A static library: its object members and its symbol index (which member defines which global symbol), read by
/// <see cref="ArchiveReader"/>. The linker pulls a member only when it defines a symbol the link still needs.
/// </summary>
public sealed class ObjectArchive
{
    private readonly Dictionary<string, ArchiveMember> _definitions = new(System.StringComparer.Ordinal);

    internal ObjectArchive(string name) => Name = name;

    /// <summary>Where the archive came from (a path), for messages.</summary>
    public string Name { get; }

    public List<ArchiveMember> Members { get; } = new();

    /// <summary>The member the index names for <paramref name="symbol"/>; the first one when several define it, as ld takes.</summary>
    public ArchiveMember? FindDefinition(string symbol) => _definitions.GetValueOrDefault(symbol);

    internal void AddDefinition(string symbol, ArchiveMember member) => _definitions.TryAdd(symbol, member);
}
