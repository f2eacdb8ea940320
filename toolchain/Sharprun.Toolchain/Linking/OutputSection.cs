using System.Collections.Generic;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// A section of the image: same-named input sections concatenated in object order, or a section the
/// linker generates (<see cref="IsSynthetic"/>), whose contents the linker writes after layout.
/// </summary>
internal sealed class OutputSection
{
    public OutputSection(string name, SectionKind kind, bool isSynthetic, uint elfType)
    {
        Name = name;
        Kind = kind;
        IsSynthetic = isSynthetic;
        ElfType = elfType;
    }

    public string Name { get; }

    public SectionKind Kind { get; }

    public bool IsSynthetic { get; }

    /// <summary>SHT_* type for the section header.</summary>
    public uint ElfType { get; }

    public List<InputPiece> Pieces { get; } = new();

    public long Alignment { get; set; } = 1;

    public long Size { get; set; }

    public ulong Address { get; set; }

    /// <summary>File offset; for .bss, where it would be (it occupies no file bytes).</summary>
    public long FileOffset { get; set; }

    /// <summary>.bss occupies memory only; everything else, including .tbss, is in the file.</summary>
    public bool OccupiesFile => Kind != SectionKind.ZeroData;

    public ulong End => Address + (ulong)Size;

    public void Append(ObjectFile obj, ObjectSection section)
    {
        long alignment = section.Alignment <= 0 ? 1 : section.Alignment;
        if (alignment > Alignment)
            Alignment = alignment;
        long offset = ImageLayout.AlignUp(Size, alignment);
        Pieces.Add(new InputPiece(obj, section, offset));
        Size = offset + section.Size;
    }
}
