using System;

namespace Sharprun.Toolchain.Linking;

/// <summary>The objects cannot be linked: undefined or duplicate symbols, relocation overflow, unsupported relocations, bad options.</summary>
public sealed class LinkException : Exception
{
    public LinkException(string message) : base(message) { }
}
