using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Linking;

/// <summary>The link map: segments, output sections with their input pieces, then global symbols by address.</summary>
internal static class LinkMapWriter
{
    public static string Write(ImageLayout layout, IEnumerable<LinkSymbol> symbols)
    {
        var text = new StringBuilder();
        text.AppendLine("Segments");
        text.AppendLine("  kind  address             offset      filesz      memsz");
        foreach (var segment in layout.Segments.Where(s => s.IsEmitted))
            text.AppendLine($"  {segment.Name,-4}  0x{segment.Address:x16}  0x{segment.FileOffset:x8}  0x{segment.FileSize:x8}  0x{segment.MemorySize:x8}");
        text.AppendLine();
        text.AppendLine("Sections");
        text.AppendLine("  address             size        name");
        foreach (var section in layout.Sections)
        {
            text.AppendLine($"  0x{section.Address:x16}  0x{section.Size:x8}  {section.Name}{(section.IsSynthetic ? "  (linker)" : "")}");
            foreach (var piece in section.Pieces)
                text.AppendLine($"      0x{section.Address + (ulong)piece.Offset:x16}  0x{piece.Section.Size:x8}  {SymbolResolver.ObjectName(piece.Object)}({piece.Section.Name})");
        }
        text.AppendLine();
        text.AppendLine("Global symbols");
        var globals = symbols
            .Where(s => s.IsGlobal && !s.IsOverridden && !s.IsInDroppedSection)
            .OrderBy(s => s.Address).ThenBy(s => s.Name, System.StringComparer.Ordinal);
        foreach (var symbol in globals)
            text.AppendLine($"  0x{symbol.Address:x16}  {symbol.Name}");
        return text.ToString();
    }
}
