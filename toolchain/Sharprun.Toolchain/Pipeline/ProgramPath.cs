using System;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// The executable's path in the guest, <c>/app/&lt;assembly name&gt;</c> as a published application has it: read-only
/// data at the global symbol <see cref="Symbol"/> (the length in 4 bytes, little-endian, then the UTF-8 path and a NUL:
/// the kernel hands the path out before the runtime starts, without measuring it). The kernel gives it as argv[0],
/// Environment.ProcessPath and the module's file name, so AppContext.BaseDirectory is /app/, where the baked content is.
/// </summary>
public static class ProgramPath
{
    public const string Symbol = "sharprun_program_path";
    public const string SectionName = ".rodata.sharprun_program_path";

    public static void AddTo(ObjectFile target, string path)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(path);
        var data = new byte[sizeof(int) + utf8.Length + 1];
        BitConverter.TryWriteBytes(data, utf8.Length);
        utf8.CopyTo(data, sizeof(int));
        var section = target.AddSection(new ObjectSection(SectionName, SectionKind.ReadOnlyData, data, sizeof(int)));
        target.Symbols.Add(new ObjectSymbol(Symbol, section, 0, data.Length, SymbolBinding.Global, SymbolType.Object));
    }
}
