using System.Collections.Generic;

namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>
/// A command of the tool: its first positional argument (none when <see cref="ArgumentName"/> is null) and any
/// <see cref="MoreArguments"/> after it, its options, whether it passes the arguments after <c>--</c> on, and the
/// text of its help. A command with <see cref="Subcommands"/> (<c>disk</c>) only names them: the word after it picks one.
/// </summary>
public sealed record CommandSpec(
    string Name,
    string Summary,
    string? ArgumentName,
    string? ArgumentHelp,
    IReadOnlyList<OptionSpec> Options,
    bool AcceptsPassThrough,
    string Details,
    IReadOnlyList<ArgumentSpec>? MoreArguments = null,
    IReadOnlyList<CommandSpec>? Subcommands = null)
{
    /// <summary>The name after the parent's (<c>create</c> of <c>disk create</c>).</summary>
    public string Word => Name[(Name.LastIndexOf(' ') + 1)..];
}
