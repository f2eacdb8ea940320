using System;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// A failure the user can act on (compiler errors, a refused P/Invoke, a link error, QEMU missing). The CLI prints
/// <see cref="Exception.Message"/> as it is, without a stack trace, and exits with 1.
/// </summary>
public sealed class ToolchainException : Exception
{
    public ToolchainException(string message) : base(message) { }
}
