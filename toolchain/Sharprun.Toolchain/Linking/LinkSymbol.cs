using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>Where a link-time symbol's value comes from.</summary>
internal enum LinkSymbolOrigin
{
    /// <summary>Defined by an input object (in a section, or absolute).</summary>
    Object,
    /// <summary>Defined by the linker from the layout (__start_X, __sharprun_*).</summary>
    Linker,
    /// <summary>A weak reference nobody defines: its value is 0.</summary>
    UndefinedWeak,
}

/// <summary>A symbol as the linker sees it: one per object definition, per linker-defined name, plus one shared undefined-weak.</summary>
internal sealed class LinkSymbol
{
    public LinkSymbol(string name, LinkSymbolOrigin origin, ObjectFile? owner, ObjectSymbol? source, bool isGlobal)
    {
        Name = name;
        Origin = origin;
        Owner = owner;
        Source = source;
        IsGlobal = isGlobal;
    }

    public string Name { get; }

    public LinkSymbolOrigin Origin { get; }

    public ObjectFile? Owner { get; }

    public ObjectSymbol? Source { get; }

    public bool IsGlobal { get; }

    /// <summary>Final address (or absolute value); set once the layout is known.</summary>
    public ulong Address { get; set; }

    /// <summary>A weak definition that lost to another definition of the same name.</summary>
    public bool IsOverridden { get; set; }

    /// <summary>Defined in a section the linker does not load (debug info).</summary>
    public bool IsInDroppedSection => Source?.Section is { Kind: SectionKind.NonAlloc };

    public bool IsThreadLocal => Source?.Section is { Kind: SectionKind.ThreadData or SectionKind.ThreadZeroData };
}
