namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>What the user asked for: help (for the tool or one command), the version, or a command to run.</summary>
public abstract record Invocation
{
    private Invocation() { }

    /// <summary>Help for <paramref name="Command"/>, or for the whole tool when it is null.</summary>
    public sealed record Help(CommandSpec? Command) : Invocation;

    public sealed record Version : Invocation;

    public sealed record Execute(ParsedCommand Command) : Invocation;
}
