using System.Collections.Generic;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>Names of the symbols the linker defines from the layout; see <see cref="ElfLinker"/> for their meaning.</summary>
internal static class LinkerDefinedSymbols
{
    public const string ImageStart = "__sharprun_image_start";
    public const string ImageEnd = "__sharprun_image_end";
    public const string TextStart = "__sharprun_text_start";
    public const string TextEnd = "__sharprun_text_end";
    public const string RodataStart = "__sharprun_rodata_start";
    public const string RodataEnd = "__sharprun_rodata_end";
    public const string DataStart = "__sharprun_data_start";
    public const string DataEnd = "__sharprun_data_end";

    /// <summary>Where zero-filled data (.bss: statics without initial values, stacks) starts inside the data segment.</summary>
    public const string BssStart = "__sharprun_bss_start";
    public const string TlsStart = "__sharprun_tls_start";
    public const string TdataEnd = "__sharprun_tdata_end";
    public const string TlsEnd = "__sharprun_tls_end";
    public const string EhFrameStart = "__sharprun_eh_frame_start";
    public const string EhFrameEnd = "__sharprun_eh_frame_end";
    public const string EhFrameHeader = "__sharprun_eh_frame_hdr";
    public const string DotnetEhTableStart = "__sharprun_dotnet_eh_table_start";
    public const string DotnetEhTableEnd = "__sharprun_dotnet_eh_table_end";
    /// <summary>The ELF symbol table (.symtab) in the loaded image, and its end; empty when stripped.</summary>
    public const string Symbolizer = "__sharprun_symbols";
    public const string SymbolizerEnd = "__sharprun_symbols_end";
    /// <summary>The string table (.strtab) that the symbol table's names point into.</summary>
    public const string SymbolNames = "__sharprun_symbol_names";

    private static readonly string[] Fixed =
    [
        ImageStart, ImageEnd, TextStart, TextEnd, RodataStart, RodataEnd, DataStart, DataEnd, BssStart,
        TlsStart, TdataEnd, TlsEnd, EhFrameStart, EhFrameEnd, EhFrameHeader,
        DotnetEhTableStart, DotnetEhTableEnd, Symbolizer, SymbolizerEnd, SymbolNames,
    ];

    /// <summary>Every name the linker defines for these objects, in a stable order.</summary>
    public static List<string> Names(IReadOnlyList<ObjectFile> objects)
    {
        var names = new List<string>(Fixed);
        var seen = new HashSet<string>();
        foreach (var obj in objects)
            foreach (var section in obj.Sections)
                if (section.Kind != SectionKind.NonAlloc && IsCIdentifier(section.Name) && seen.Add(section.Name))
                {
                    names.Add("__start_" + section.Name);
                    names.Add("__stop_" + section.Name);
                }
        return names;
    }

    public static bool IsCIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            return false;
        foreach (char c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        return true;
    }
}
