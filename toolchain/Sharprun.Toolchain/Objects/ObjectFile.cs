using System.Collections.Generic;

namespace Sharprun.Toolchain.Objects;

/// <summary>
/// A relocatable object in memory: what the ELF reader produces from ILC's output and what the
/// low-level stub assembler produces directly. The linker consumes only this model.
/// </summary>
public sealed class ObjectFile
{
    public ObjectFile(string name) => Name = name;

    /// <summary>Where the object came from, for error messages (a path or a generator name).</summary>
    public string Name { get; }

    public List<ObjectSection> Sections { get; } = new();

    public List<ObjectSymbol> Symbols { get; } = new();

    public ObjectSection AddSection(ObjectSection section)
    {
        section.Index = Sections.Count;
        Sections.Add(section);
        return section;
    }
}
