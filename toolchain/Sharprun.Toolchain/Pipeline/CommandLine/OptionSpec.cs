namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>
/// One option of a command. <see cref="ValueName"/> is null for a flag; otherwise the option takes a value,
/// written <c>--name value</c> or <c>--name=value</c>.
/// </summary>
public sealed record OptionSpec(string Name, char? ShortName, string? ValueName, string Help)
{
    public bool TakesValue => ValueName is not null;

    /// <summary>How the option appears in help: <c>-o, --output &lt;image&gt;</c>.</summary>
    public string Synopsis =>
        (ShortName is { } s ? $"-{s}, " : "    ") + "--" + Name + (ValueName is null ? "" : $" <{ValueName}>");
}
