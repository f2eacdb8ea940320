using System.Collections.Generic;
using System.Text;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// The environment variables <c>sharprun build -e</c> bakes into an image as defaults: a read-only section holding,
/// at the global symbol <see cref="Symbol"/>, the variables as the kernel command line's quoted <c>"KEY=VALUE"</c>
/// tokens, NUL-terminated (empty when there are none). The kernel reads them at boot before the command line's
/// <c>env</c> option, whose variables override them key by key; kept in the image rather than added by <c>run</c>,
/// they reach the application however the image is booted (run, a Xen rig, GRUB).
/// </summary>
public static class BakedEnvironment
{
    public const string Symbol = "sharprun_baked_environment";
    public const string SectionName = ".rodata.sharprun_environment";

    /// <summary>Adds the section and its symbol to <paramref name="target"/>.</summary>
    public static void AddTo(ObjectFile target, IReadOnlyList<string> variables)
    {
        byte[] text = Encoding.UTF8.GetBytes(GuestEnvironment.Encode(variables) + "\0");
        var section = target.AddSection(new ObjectSection(SectionName, SectionKind.ReadOnlyData, text, 1));
        target.Symbols.Add(new ObjectSymbol(Symbol, section, 0, text.Length, SymbolBinding.Global, SymbolType.Object));
    }
}
