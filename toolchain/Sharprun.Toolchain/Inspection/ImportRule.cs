using System;
using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// Entry points that belong to one <see cref="UnavailableArea"/>: each pattern is an exact name, or a prefix
/// ending in <c>*</c> (<c>CryptoNative_Rsa*</c>).
/// </summary>
public sealed record ImportRule(UnavailableArea Area, IReadOnlyList<string> Patterns)
{
    public bool Matches(string entryPoint) => Patterns.Any(pattern => pattern.EndsWith('*')
        ? entryPoint.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : entryPoint == pattern);
}
