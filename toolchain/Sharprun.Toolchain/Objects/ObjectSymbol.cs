namespace Sharprun.Toolchain.Objects;

/// <summary>
/// A symbol of a relocatable object. <see cref="Section"/> is null for undefined symbols,
/// which the linker resolves against the global symbols of every other object.
/// </summary>
public sealed record ObjectSymbol(string Name, ObjectSection? Section, long Value, long Size, SymbolBinding Binding, SymbolType Type)
{
    public bool IsDefined => Section is not null || Type == SymbolType.Absolute;
}

public enum SymbolBinding
{
    Local,
    Global,
    Weak,
}

public enum SymbolType
{
    None,
    Function,
    Object,
    Section,
    ThreadLocal,
    Absolute,
}
