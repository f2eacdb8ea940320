namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>
/// One option of a command. <see cref="ValueName"/> is null for a flag; otherwise the option takes a value,
/// written <c>--name value</c> or <c>--name=value</c>. A <paramref name="Repeatable"/> option may be given several times
/// (its values in order: <see cref="ParsedCommand.Values"/>); any other is refused when given twice.
/// </summary>
public sealed record OptionSpec(string Name, char? ShortName, string? ValueName, string Help, bool Repeatable = false)
{
    public bool TakesValue => ValueName is not null;

    /// <summary>How the option appears in help: <c>-o, --output &lt;image&gt;</c>.</summary>
    public string Synopsis =>
        (ShortName is { } s ? $"-{s}, " : "    ") + "--" + Name + (ValueName is null ? "" : $" <{ValueName}>");
}
