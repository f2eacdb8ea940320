using System.Collections.Generic;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>The choices of one image build.</summary>
/// <param name="Image">Where the image goes; the link map goes beside it with the extension .map.</param>
public sealed record BuildSettings(string Image, string Platform, bool Strip)
{
    /// <summary>Environment variables baked into the image as defaults (<c>build -e</c>, "KEY=VALUE"; see <see cref="BakedEnvironment"/>).</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Host directories baked read-only into the image (<c>build --files HOSTDIR:GUESTDIR</c>; see <see cref="Baking.ImageFiles"/>).</summary>
    public IReadOnlyList<Baking.BakedFileMapping> Files { get; init; } = [];

    /// <summary><c>build --strict</c>: a compiled P/Invoke into a native library the kernel lacks fails the build instead of being a warning.</summary>
    public bool Strict { get; init; }
}
