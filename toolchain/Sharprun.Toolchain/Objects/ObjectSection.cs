using System.Collections.Generic;

namespace Sharprun.Toolchain.Objects;

/// <summary>One section of a relocatable object, with the relocations that apply to its bytes.</summary>
public sealed class ObjectSection
{
    public ObjectSection(string name, SectionKind kind, byte[] data, int alignment)
    {
        Name = name;
        Kind = kind;
        Data = data;
        Alignment = alignment;
        Size = data.Length;
    }

    /// <summary>A zero-filled section with no file contents (.bss, .tbss).</summary>
    public static ObjectSection Zeroed(string name, SectionKind kind, long size, int alignment) =>
        new(name, kind, System.Array.Empty<byte>(), alignment) { Size = size };

    public string Name { get; }

    public SectionKind Kind { get; }

    /// <summary>File contents; empty for zero-filled sections.</summary>
    public byte[] Data { get; }

    public long Size { get; private init; }

    public int Alignment { get; }

    /// <summary>Position in <see cref="ObjectFile.Sections"/>.</summary>
    public int Index { get; internal set; }

    public List<ObjectRelocation> Relocations { get; } = new();

    public bool IsZeroFilled => Data.Length == 0 && Size > 0;
}
