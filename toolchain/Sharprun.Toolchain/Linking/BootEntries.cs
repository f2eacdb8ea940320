namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The image's 32-bit entry points: the PVH entry (Xen note and e_entry) and the multiboot2 entry. Both must
/// be global symbols; they are looked up before layout so a missing one fails early.
/// </summary>
internal sealed class BootEntries
{
    private readonly LinkSymbol? _pvh;
    private readonly LinkSymbol? _multiboot2;

    public BootEntries(SymbolResolver resolver, LinkOptions options)
    {
        _pvh = Find(resolver, options.PvhEntrySymbol, "PVH");
        _multiboot2 = Find(resolver, options.Multiboot2EntrySymbol, "multiboot2");
    }

    /// <summary>e_entry: the PVH entry, or 0 without one.</summary>
    public ulong ElfEntry => _pvh?.Address ?? 0;

    public void Write(byte[] loaded, ImageLayout layout)
    {
        if (_pvh is not null && layout.XenNote is { } note)
            XenPvhNote.Write(ElfLinker.Contents(loaded, note), Entry32(_pvh, "PVH"));
        if (_multiboot2 is not null && layout.Multiboot2 is { } header)
        {
            if (header.FileOffset + header.Size > Multiboot2Header.SearchLimit || header.FileOffset % 8 != 0)
                throw new LinkException($"the multiboot2 header landed at file offset 0x{header.FileOffset:x}, outside the first 32 KiB");
            Multiboot2Header.Write(ElfLinker.Contents(loaded, header), Entry32(_multiboot2, "multiboot2"));
        }
    }

    private static LinkSymbol? Find(SymbolResolver resolver, string? name, string what)
    {
        if (name is null)
            return null;
        var symbol = resolver.FindGlobal(name) ?? throw new LinkException($"{what} entry symbol {name} is not defined (it must be a global symbol)");
        if (symbol.Origin != LinkSymbolOrigin.Object)
            throw new LinkException($"{what} entry symbol {name} is a linker-defined symbol, not code");
        return symbol;
    }

    private static uint Entry32(LinkSymbol symbol, string what) =>
        symbol.Address <= uint.MaxValue ? (uint)symbol.Address
            : throw new LinkException($"{what} entry symbol {symbol.Name} is at 0x{symbol.Address:x}, above 4 GiB");
}
