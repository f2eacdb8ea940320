using System;
using System.Buffers.Binary;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Applies relocations in place in the image (S = symbol address, A = addend, P = place address):
/// R_X86_64_64 S+A; PC32 and PLT32 S+A-P (everything is static, so no PLT); 32 S+A zero-extended;
/// 32S S+A sign-extended; PC64 S+A-P; TLSGD G+A-P where G is the symbol's tls_index entry; GOTPCREL, GOTPCRELX and
/// REX_GOTPCRELX G+A-P where G is the symbol's GOT slot, or S+A-P with the mov turned into a lea when
/// <see cref="GlobalOffsetTable"/> relaxed it. A 32-bit field that cannot hold its value is an error, as is any other
/// relocation type (named, with the section and object it is in).
/// </summary>
internal sealed class RelocationWriter
{
    private readonly byte[] _image;
    private readonly ImageLayout _layout;
    private readonly TlsIndexTable _tlsIndex;
    private readonly GlobalOffsetTable _got;
    private readonly RelocationSites _sites;

    public RelocationWriter(byte[] image, ImageLayout layout, TlsIndexTable tlsIndex, GlobalOffsetTable got, RelocationSites sites)
    {
        _image = image;
        _layout = layout;
        _tlsIndex = tlsIndex;
        _got = got;
        _sites = sites;
    }

    public void Apply(ObjectFile obj, ObjectSection section, LinkSymbol[] targets)
    {
        var (sectionAddress, sectionOffset) = _layout.PlacementOf(section);
        var relocations = section.Relocations;
        if (section.IsZeroFilled)
            throw new LinkException($"section {section.Name} in {SymbolResolver.ObjectName(obj)} is zero-filled but has relocations");
        var image = _image.AsSpan();
        for (int i = 0; i < targets.Length; i++)
        {
            var relocation = relocations[i];
            if (relocation.Type == RelocationType.None)
                continue;
            int width = relocation.Type switch
            {
                RelocationType.Absolute64 or RelocationType.Pc64 => 8,
                RelocationType.Pc32 or RelocationType.Plt32 or RelocationType.Absolute32 or RelocationType.Absolute32Signed or RelocationType.TlsGd
                    or RelocationType.GotPcRel or RelocationType.GotPcRelX or RelocationType.RexGotPcRelX => 4,
                _ => throw new LinkException($"{Name(relocation.Type)} is not supported (a static image links only 64, PC32, PLT32, 32, 32S, PC64, TLSGD and the GOTPCREL family), at {_sites.Describe(obj, section, relocation.Offset)} against symbol {relocation.Symbol.Name}"),
            };
            if (relocation.Offset < 0 || relocation.Offset > section.Size - width)
                throw Error(obj, section, relocation, $"offset 0x{relocation.Offset:x} lies outside the section (size 0x{section.Size:x})");
            ulong s = targets[i].Address;
            ulong a = (ulong)relocation.Addend;
            ulong p = sectionAddress + (ulong)relocation.Offset;
            var field = image.Slice((int)(sectionOffset + relocation.Offset), width);
            switch (relocation.Type)
            {
                case RelocationType.Absolute64:
                    BinaryPrimitives.WriteUInt64LittleEndian(field, s + a);
                    break;
                case RelocationType.Pc64:
                    BinaryPrimitives.WriteUInt64LittleEndian(field, s + a - p);
                    break;
                case RelocationType.Pc32:
                case RelocationType.Plt32:
                    WriteSigned32(field, s + a - p, obj, section, relocation);
                    break;
                case RelocationType.Absolute32Signed:
                    WriteSigned32(field, s + a, obj, section, relocation);
                    break;
                case RelocationType.Absolute32:
                    ulong value = s + a;
                    if (value > uint.MaxValue)
                        throw Error(obj, section, relocation, $"value 0x{value:x} does not fit in 32 bits (zero-extended)");
                    BinaryPrimitives.WriteUInt32LittleEndian(field, (uint)value);
                    break;
                case RelocationType.TlsGd:
                    ulong entry = _layout.TlsIndex!.Address + (ulong)_tlsIndex.OffsetOf(targets[i]);
                    WriteSigned32(field, entry + a - p, obj, section, relocation);
                    break;
                case RelocationType.GotPcRel:
                case RelocationType.GotPcRelX:
                case RelocationType.RexGotPcRelX:
                    if (_got.IsRelaxed(section, i))
                    {
                        image[(int)(sectionOffset + relocation.Offset - 2)] = GlobalOffsetTable.LeaOpcode;
                        WriteSigned32(field, s + a - p, obj, section, relocation);
                    }
                    else
                    {
                        ulong slot = _layout.Got!.Address + (ulong)_got.OffsetOf(targets[i]);
                        WriteSigned32(field, slot + a - p, obj, section, relocation);
                    }
                    break;
            }
        }
    }

    private void WriteSigned32(Span<byte> field, ulong value, ObjectFile obj, ObjectSection section, ObjectRelocation relocation)
    {
        long signed = (long)value;
        if (signed is < int.MinValue or > int.MaxValue)
            throw Error(obj, section, relocation, $"value 0x{value:x} does not fit in 32 bits (sign-extended)");
        BinaryPrimitives.WriteInt32LittleEndian(field, (int)signed);
    }

    private LinkException Error(ObjectFile obj, ObjectSection section, ObjectRelocation relocation, string problem) =>
        new($"{Name(relocation.Type)} at {_sites.Describe(obj, section, relocation.Offset)} against symbol {relocation.Symbol.Name}: {problem}");

    /// <summary>The psABI name of a relocation type, for messages; unknown numbers are shown as numbers.</summary>
    public static string Name(RelocationType type) => (uint)type < PsAbiNames.Length && PsAbiNames[(uint)type].Length > 0
        ? $"R_X86_64_{PsAbiNames[(uint)type]}"
        : $"relocation type {(uint)type}";

    // Indexed by type number, as the x86-64 psABI lists them.
    private static readonly string[] PsAbiNames =
    [
        "NONE", "64", "PC32", "GOT32", "PLT32", "COPY", "GLOB_DAT", "JUMP_SLOT", "RELATIVE", "GOTPCREL", "32", "32S",
        "16", "PC16", "8", "PC8", "DTPMOD64", "DTPOFF64", "TPOFF64", "TLSGD", "TLSLD", "DTPOFF32", "GOTTPOFF", "TPOFF32",
        "PC64", "GOTOFF64", "GOTPC32", "GOT64", "GOTPCREL64", "GOTPC64", "GOTPLT64", "PLTOFF64", "SIZE32", "SIZE64",
        "GOTPC32_TLSDESC", "TLSDESC_CALL", "TLSDESC", "IRELATIVE", "RELATIVE64", "", "", "GOTPCRELX", "REX_GOTPCRELX",
    ];
}
