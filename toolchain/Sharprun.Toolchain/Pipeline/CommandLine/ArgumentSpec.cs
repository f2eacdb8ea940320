namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>A positional argument after a command's first: its name in help (<c>&lt;src&gt;</c>, or <c>[path]</c> when optional).</summary>
public sealed record ArgumentSpec(string Name, string Help, bool Optional = false)
{
    public string Synopsis => Optional ? $"[{Name}]" : $"<{Name}>";
}
