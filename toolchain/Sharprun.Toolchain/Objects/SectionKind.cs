namespace Sharprun.Toolchain.Objects;

/// <summary>What a section holds, which decides the segment (and page protection) it lands in.</summary>
public enum SectionKind
{
    /// <summary>Executable code: read + execute.</summary>
    Code,
    /// <summary>Constant data, unwind and EH tables: read only.</summary>
    ReadOnlyData,
    /// <summary>Initialized writable data.</summary>
    Data,
    /// <summary>Zero-initialized writable data (.bss).</summary>
    ZeroData,
    /// <summary>Thread-local initialized data (.tdata).</summary>
    ThreadData,
    /// <summary>Thread-local zero-initialized data (.tbss).</summary>
    ThreadZeroData,
    /// <summary>Not loaded: debug info and similar. The linker may drop or keep it unloaded.</summary>
    NonAlloc,
}
