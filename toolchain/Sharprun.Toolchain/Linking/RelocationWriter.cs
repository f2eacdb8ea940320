using System;
using System.Buffers.Binary;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Applies relocations in place in the image (S = symbol address, A = addend, P = place address):
/// R_X86_64_64 S+A; PC32 and PLT32 S+A-P (everything is static, so no PLT); 32 S+A zero-extended;
/// 32S S+A sign-extended; PC64 S+A-P; TLSGD G+A-P where G is the symbol's tls_index entry.
/// A 32-bit field that cannot hold its value is an error, as is any other relocation type.
/// </summary>
internal sealed class RelocationWriter
{
    private readonly byte[] _image;
    private readonly ImageLayout _layout;
    private readonly TlsIndexTable _tlsIndex;
    private readonly RelocationSites _sites;

    public RelocationWriter(byte[] image, ImageLayout layout, TlsIndexTable tlsIndex, RelocationSites sites)
    {
        _image = image;
        _layout = layout;
        _tlsIndex = tlsIndex;
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
                RelocationType.Pc32 or RelocationType.Plt32 or RelocationType.Absolute32 or RelocationType.Absolute32Signed or RelocationType.TlsGd => 4,
                _ => throw new LinkException($"relocation type {(uint)relocation.Type} is not supported, at {_sites.Describe(obj, section, relocation.Offset)} against symbol {relocation.Symbol.Name}"),
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

    private static string Name(RelocationType type) => type switch
    {
        RelocationType.Absolute64 => "R_X86_64_64",
        RelocationType.Pc32 => "R_X86_64_PC32",
        RelocationType.Plt32 => "R_X86_64_PLT32",
        RelocationType.Absolute32 => "R_X86_64_32",
        RelocationType.Absolute32Signed => "R_X86_64_32S",
        RelocationType.Pc64 => "R_X86_64_PC64",
        RelocationType.TlsGd => "R_X86_64_TLSGD",
        _ => $"relocation type {(uint)type}",
    };
}
