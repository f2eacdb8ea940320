using Sharprun.Toolchain.Launch;

namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// One boot of a test image (a project under qemu-tests/Images): the application's arguments and the kernel's own
/// options (<see cref="KernelOption"/>). Two cases are the same boot when image and command line are equal.
/// </summary>
public sealed record GuestCase
{
    public GuestCase(string image, params string[] arguments)
    {
        Image = image;
        Arguments = arguments;
    }

    public string Image { get; }

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyList<string> KernelOptions { get; init; } = [];

    /// <summary>The guest measures its own timing, so it runs with nothing else of the test run (<see cref="GuestConcurrency"/>).</summary>
    public bool RunsAlone { get; init; }

    /// <summary>The kernel command line the guest gets, on both platforms.</summary>
    public string CommandLine => KernelCommandLine.Encode(KernelOptions, [], Arguments);

    public bool Equals(GuestCase? other) => other is not null && Image == other.Image && CommandLine == other.CommandLine;

    public override int GetHashCode() => HashCode.Combine(Image, CommandLine);

    public override string ToString() => $"{Image} {CommandLine}";
}
