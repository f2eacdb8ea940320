using System;

namespace Sharprun.Toolchain.Linking;

/// <summary>An input object is not a well-formed ELF64 x86-64 relocatable file, or uses a feature the reader does not support.</summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message) : base(message) { }
}
