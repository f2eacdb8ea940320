using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The image's one symbol table: standard ELF .symtab and .strtab sections, placed (SHF_ALLOC) in the read-only
/// segment so that the same bytes serve gdb and the kernel's panic symbolizer, which finds them through
/// <c>__sharprun_symbols</c>/<c>__sharprun_symbols_end</c> and <c>__sharprun_symbol_names</c>. Names are tail-merged
/// (<see cref="ElfStringTable"/>). Left out: section symbols, and the data labels ILC generates for its own tables
/// (see <see cref="InternalLabelPrefixes"/>): the runtime reaches that data through relocations and unwind tables,
/// never by name, and neither gdb nor a panic report has a use for the names. A function with several names (ILC
/// gives a <c>[RuntimeExport]</c> method both its export name and its mangled one) keeps only its shortest, the
/// export name callers know; the link map lists the others. Sizes are known before layout; contents are written once addresses are assigned.
/// </summary>
internal sealed class ElfSymbolTable
{
    public const string SymbolsName = ".symtab";
    public const string NamesName = ".strtab";

    private const byte BindLocal = 0;
    private const byte BindGlobal = 1;
    private const byte BindWeak = 2;

    /// <summary>
    /// ILC's generated data labels: per-method unwind and EH data (<c>_lsda</c>, <c>__ehinfo</c>), method associated
    /// data (<c>_associatedData</c>), string literal objects (<c>__Str_</c>, named after a hash of their text), and the
    /// per-type tables behind MethodTables: writable data, statics bases, generic dictionaries and instantiations,
    /// interface dispatch cells and maps, sealed vtables, frozen objects, runtime knob strings, and the MethodTables
    /// themselves (<c>_ZTV</c>): panic reports name code addresses only. The link map lists every one of them.
    /// </summary>
    private static readonly string[] InternalLabelPrefixes =
    [
        "_lsda", "__ehinfo", "_associatedData", "__Str_",
        "__writableData", "__readonlydata_", "__GenericDict_", "__GenericInstance_", "__GCSTATICS", "__NONGCSTATICS",
        "__GCStaticEEType_", "__TypeThreadStaticIndex", "__FrozenObj_", "__InterfaceDispatchCell_", "__InterfaceDispatchMap_",
        "__SealedVTable_", "g_compilerEmbeddedKnobsBlob_", "_ZTV",
    ];

    /// <summary>
    /// The C# compiler's initialized-data blobs (array and span literals) live in each assembly's
    /// <c>&lt;PrivateImplementationDetails&gt;</c>, named after a hash of their bytes: nobody looks data up by those.
    /// </summary>
    private const string CompilerDataBlobInfix = "_PrivateImplementationDetails___";

    private readonly List<LinkSymbol> _ordered;
    private readonly ElfStringTable _names = new();
    private readonly byte[] _nameBytes;

    public ElfSymbolTable(IEnumerable<LinkSymbol> symbols)
    {
        var emitted = WithoutAliases(symbols.Where(IsEmitted)).ToList();
        // ELF wants the local symbols first; sh_info is the index of the first global one.
        _ordered = emitted.Where(s => !s.IsGlobal).Concat(emitted.Where(s => s.IsGlobal)).ToList();
        FirstGlobal = emitted.Count(s => !s.IsGlobal) + 1;
        foreach (var symbol in _ordered)
            _names.Add(symbol.Name);
        _nameBytes = _names.Build();
    }

    /// <summary>Index of the first global symbol (entry 0 is the null symbol).</summary>
    public int FirstGlobal { get; }

    public int SymbolsSize => (_ordered.Count + 1) * Elf64.SymbolSize;

    public int NamesSize => _nameBytes.Length;

    /// <summary>
    /// Writes both tables. Symbol values are final addresses, except STT_TLS symbols, whose value is their offset
    /// in the TLS template as the gABI says for executables.
    /// </summary>
    public void Write(Span<byte> symbols, Span<byte> names, Func<ObjectSection, int> sectionIndexOf, ulong tlsStart)
    {
        symbols.Slice(0, Elf64.SymbolSize).Clear();
        for (int i = 0; i < _ordered.Count; i++)
        {
            var symbol = _ordered[i];
            var entry = symbols.Slice((i + 1) * Elf64.SymbolSize, Elf64.SymbolSize);
            var source = symbol.Source;
            byte bind = !symbol.IsGlobal ? BindLocal : source?.Binding == SymbolBinding.Weak ? BindWeak : BindGlobal;
            byte type = source?.Type switch
            {
                SymbolType.Object => Elf64.SymbolObject,
                SymbolType.Function => Elf64.SymbolFunction,
                SymbolType.ThreadLocal => Elf64.SymbolTls,
                _ => Elf64.SymbolNoType,
            };
            ushort sectionIndex = source?.Section is { } section ? (ushort)sectionIndexOf(section) : Elf64.SectionIndexAbsolute;
            ulong value = type == Elf64.SymbolTls ? symbol.Address - tlsStart : symbol.Address;
            BinaryPrimitives.WriteUInt32LittleEndian(entry, _names.OffsetOf(symbol.Name));
            entry[4] = (byte)(bind << 4 | type);
            entry[5] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(entry.Slice(6), sectionIndex);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.Slice(8), value);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.Slice(16), (ulong)(source?.Size ?? 0));
        }
        _nameBytes.CopyTo(names);
    }

    /// <summary>One name per function body: functions that share section, offset and size are one function.</summary>
    private static IEnumerable<LinkSymbol> WithoutAliases(IEnumerable<LinkSymbol> symbols)
    {
        var all = symbols.ToList();
        var named = new Dictionary<(ObjectSection, long, long), LinkSymbol>();
        foreach (var symbol in all)
        {
            if (symbol.Source is not { Type: SymbolType.Function, Section: { } section } source)
                continue;
            var body = (section, source.Value, source.Size);
            if (!named.TryGetValue(body, out var kept) || IsPreferredName(symbol, kept))
                named[body] = symbol;
        }
        return all.Where(s => s.Source is not { Type: SymbolType.Function, Section: { } section } source
            || named[(section, source.Value, source.Size)] == s);
    }

    private static bool IsPreferredName(LinkSymbol candidate, LinkSymbol kept) =>
        candidate.IsGlobal != kept.IsGlobal ? candidate.IsGlobal
            : candidate.Name.Length != kept.Name.Length ? candidate.Name.Length < kept.Name.Length
            : string.CompareOrdinal(candidate.Name, kept.Name) < 0;

    private static bool IsEmitted(LinkSymbol symbol) => symbol.Origin switch
    {
        LinkSymbolOrigin.Linker => true,
        LinkSymbolOrigin.Object => !symbol.IsOverridden && !symbol.IsInDroppedSection && symbol.Source!.Type != SymbolType.Section
            && symbol.Name.Length > 0 && !IsInternalLabel(symbol),
        _ => false,
    };

    private static bool IsInternalLabel(LinkSymbol symbol) =>
        symbol.Source!.Type != SymbolType.Function
        && (InternalLabelPrefixes.Any(prefix => symbol.Name.StartsWith(prefix, StringComparison.Ordinal))
            || symbol.Name.Contains(CompilerDataBlobInfix, StringComparison.Ordinal));
}
