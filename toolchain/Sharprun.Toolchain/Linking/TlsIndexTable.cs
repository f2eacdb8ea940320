using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The general-dynamic TLS "GOT": one 16-byte tls_index {u64 module = 1, u64 offset} per symbol that a
/// R_X86_64_TLSGD relocation names. The code keeps its real <c>call __tls_get_addr</c>, which the kernel
/// implements as thread TLS block + offset, the offset counting from the start of the TLS template.
/// </summary>
internal sealed class TlsIndexTable
{
    public const int EntrySize = 16;

    private readonly Dictionary<LinkSymbol, int> _slots = new();
    private readonly List<LinkSymbol> _symbols = new();

    public TlsIndexTable(IReadOnlyList<ObjectFile> objects, Dictionary<ObjectSection, LinkSymbol[]> targets, RelocationSites sites)
    {
        foreach (var obj in objects)
            foreach (var section in obj.Sections)
            {
                if (!targets.TryGetValue(section, out var resolved))
                    continue;
                var relocations = section.Relocations;
                for (int i = 0; i < resolved.Length; i++)
                {
                    if (relocations[i].Type != RelocationType.TlsGd || _slots.ContainsKey(resolved[i]))
                        continue;
                    if (!resolved[i].IsThreadLocal)
                        throw new LinkException($"R_X86_64_TLSGD at {sites.Describe(obj, section, relocations[i].Offset)} refers to {relocations[i].Symbol.Name}, which is not in a thread-local section");
                    _slots[resolved[i]] = _symbols.Count;
                    _symbols.Add(resolved[i]);
                }
            }
    }

    public int Size => _symbols.Count * EntrySize;

    /// <summary>Offset of <paramref name="symbol"/>'s tls_index entry from the start of the table.</summary>
    public int OffsetOf(LinkSymbol symbol) => _slots[symbol] * EntrySize;

    public void Write(Span<byte> target, ulong tlsStart)
    {
        for (int i = 0; i < _symbols.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(i * EntrySize), 1);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(i * EntrySize + 8), _symbols[i].Address - tlsStart);
        }
    }
}
