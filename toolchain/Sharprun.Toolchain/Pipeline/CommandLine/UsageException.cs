using System;

namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>The command line was wrong: the tool prints the message and a usage hint and exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message, string? command = null) : base(message) => Command = command;

    /// <summary>The command whose usage applies, or null for the top level.</summary>
    public string? Command { get; }
}
