using System.Collections.Generic;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// A linked image: the ELF file bytes, a human-readable map of its layout, and the final address of every
/// global symbol (object-defined and linker-defined).
/// </summary>
public sealed record LinkResult(byte[] Image, string Map, IReadOnlyDictionary<string, ulong> Symbols);
