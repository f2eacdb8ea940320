using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The GOT of a static image: one 8-byte slot holding a symbol's address per symbol that a GOTPCREL-family
/// relocation still needs after relaxation. The slots are written at link time and placed in read-only data.
/// As the psABI allows, <c>mov foo@GOTPCREL(%rip), %reg</c> under GOTPCRELX or REX_GOTPCRELX becomes
/// <c>lea foo(%rip), %reg</c> when foo has an address in the image; plain GOTPCREL (the instruction is not known to
/// be a mov) and every other instruction (cmov, add, cmp...) load from a slot.
/// </summary>
internal sealed class GlobalOffsetTable
{
    public const int EntrySize = 8;
    public const byte MovOpcode = 0x8b;
    public const byte LeaOpcode = 0x8d;

    private readonly Dictionary<LinkSymbol, int> _slots = new();
    private readonly List<LinkSymbol> _symbols = new();
    private readonly Dictionary<ObjectSection, HashSet<int>> _relaxed = new(ReferenceEqualityComparer.Instance);

    public GlobalOffsetTable(IReadOnlyList<ObjectFile> objects, Dictionary<ObjectSection, LinkSymbol[]> targets)
    {
        foreach (var obj in objects)
            foreach (var section in obj.Sections)
            {
                if (!targets.TryGetValue(section, out var resolved))
                    continue;
                var relocations = section.Relocations;
                for (int i = 0; i < resolved.Length; i++)
                {
                    if (!IsGotRelative(relocations[i].Type))
                        continue;
                    if (CanRelax(section, relocations[i], resolved[i]))
                    {
                        if (!_relaxed.TryGetValue(section, out var indexes))
                            _relaxed[section] = indexes = new HashSet<int>();
                        indexes.Add(i);
                    }
                    else if (!_slots.ContainsKey(resolved[i]))
                    {
                        _slots[resolved[i]] = _symbols.Count;
                        _symbols.Add(resolved[i]);
                    }
                }
            }
    }

    public int Size => _symbols.Count * EntrySize;

    public static bool IsGotRelative(RelocationType type) =>
        type is RelocationType.GotPcRel or RelocationType.GotPcRelX or RelocationType.RexGotPcRelX;

    /// <summary>True when relocation <paramref name="index"/> of <paramref name="section"/> is rewritten from a GOT load into a lea.</summary>
    public bool IsRelaxed(ObjectSection section, int index) => _relaxed.TryGetValue(section, out var indexes) && indexes.Contains(index);

    /// <summary>Offset of <paramref name="symbol"/>'s slot from the start of the table.</summary>
    public int OffsetOf(LinkSymbol symbol) => _slots[symbol] * EntrySize;

    public void Write(Span<byte> target)
    {
        for (int i = 0; i < _symbols.Count; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(i * EntrySize), _symbols[i].Address);
    }

    // The field is the disp32 of a RIP-relative ModRM (mod 00, r/m 101) right after the mov opcode; REX_GOTPCRELX
    // also has a REX prefix before the opcode. A symbol without an address in the image (undefined weak, absolute,
    // thread-local) keeps its slot.
    private static bool CanRelax(ObjectSection section, ObjectRelocation relocation, LinkSymbol target)
    {
        if (relocation.Type == RelocationType.GotPcRel || section.IsZeroFilled)
            return false;
        if (target.Origin == LinkSymbolOrigin.UndefinedWeak || target.IsThreadLocal)
            return false;
        if (target.Origin == LinkSymbolOrigin.Object && target.Source!.Section is null)
            return false;
        int prefix = relocation.Type == RelocationType.RexGotPcRelX ? 3 : 2;
        long at = relocation.Offset;
        if (at < prefix || at > section.Data.Length)
            return false;
        var code = section.Data;
        if (code[at - 2] != MovOpcode || (code[at - 1] & 0xC7) != 0x05)
            return false;
        return relocation.Type != RelocationType.RexGotPcRelX || (code[at - 3] & 0xF0) == 0x40;
    }
}
