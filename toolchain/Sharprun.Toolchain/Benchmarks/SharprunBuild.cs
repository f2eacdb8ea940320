using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>Builds an image the way a user does, through the <c>sharprun</c> script of the checkout, and times it.</summary>
public sealed class SharprunBuild
{
    private readonly RepositoryLayout _layout;
    private readonly string _projectDirectory;

    public SharprunBuild(RepositoryLayout layout, string projectDirectory)
    {
        _layout = layout;
        _projectDirectory = projectDirectory;
    }

    public TimeSpan Build(string image, bool strip, string platform = "baremetal")
    {
        string script = Path.Combine(_layout.Root, "sharprun");
        if (!File.Exists(script))
            throw new ToolchainException($"the sharprun script is missing from the checkout ({script})");
        string[] arguments = strip
            ? ["build", _projectDirectory, "-o", image, "--platform", platform, "--strip"]
            : ["build", _projectDirectory, "-o", image, "--platform", platform];
        var clock = Stopwatch.StartNew();
        var result = ToolProcess.Run(script, arguments, _layout.Root, echo: null);
        var elapsed = clock.Elapsed;
        if (result.ExitCode != 0)
        {
            var lines = result.Output.Trim().Split('\n');
            throw new ToolchainException($"sharprun build {_projectDirectory} failed: " +
                string.Join(" / ", lines.Skip(Math.Max(0, lines.Length - 4)).Select(l => l.Trim())));
        }
        return elapsed;
    }
}
