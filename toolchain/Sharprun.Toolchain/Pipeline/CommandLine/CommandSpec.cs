using System.Collections.Generic;

namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>
/// A command of the tool: its one positional argument (none when <see cref="ArgumentName"/> is null), its
/// options, whether it passes the arguments after <c>--</c> on, and the text of its help.
/// </summary>
public sealed record CommandSpec(
    string Name,
    string Summary,
    string? ArgumentName,
    string? ArgumentHelp,
    IReadOnlyList<OptionSpec> Options,
    bool AcceptsPassThrough,
    string Details);
