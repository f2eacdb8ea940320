using System;

namespace Sharprun.Toolchain.Linking;

/// <summary>An input archive is not a well-formed GNU <c>ar</c> archive with a symbol index.</summary>
public sealed class ArchiveFormatException : Exception
{
    public ArchiveFormatException(string message) : base(message) { }
}
