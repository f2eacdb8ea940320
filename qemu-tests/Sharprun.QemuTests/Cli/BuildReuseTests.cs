using System;
using System.IO;
using Xunit;

namespace Sharprun.QemuTests.Cli;

/// <summary>
/// <c>sharprun build</c> skips compiling and linking when nothing changed, and builds again when any input does:
/// the app's sources, a build option, or the image itself.
/// </summary>
public sealed class BuildReuseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-reuse-").FullName;
    private readonly string _project;
    private readonly string _image;

    public BuildReuseTests()
    {
        _project = Path.Combine(_folder, "app");
        Directory.CreateDirectory(_project);
        File.Copy(SharprunProcess.InRepository("images/hello/hello.csproj"), Path.Combine(_project, "app.csproj"));
        File.WriteAllText(Path.Combine(_project, "Program.cs"), "System.Console.WriteLine(\"first\");\n");
        _image = Path.Combine(_folder, "app.elf");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SharprunProcess.Result Build(params string[] options)
    {
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(5), ["build", _project, "-o", _image, .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static void AssertBuilt(SharprunProcess.Result result)
    {
        Assert.Contains("  compile", result.Output);
        Assert.Contains("  link", result.Output);
        Assert.DoesNotContain("up to date", result.Output);
    }

    private static void AssertReused(SharprunProcess.Result result)
    {
        Assert.Contains("is up to date (nothing changed since it was built)", result.Output);
        Assert.DoesNotContain("  compile", result.Output);
        Assert.DoesNotContain("  link", result.Output);
    }

    [Fact]
    public void RebuildsOnlyWhenAnInputOrTheImageChanged()
    {
        AssertBuilt(Build());
        long unstripped = new FileInfo(_image).Length;
        AssertReused(Build());

        // Another option makes another image.
        AssertBuilt(Build("--strip"));
        byte[] stripped = File.ReadAllBytes(_image);
        Assert.True(stripped.Length < unstripped);
        AssertReused(Build("--strip"));

        // The image was edited behind sharprun's back (a deleted one is covered by the host tests of InputFingerprint).
        File.WriteAllBytes(_image, [0x7F, (byte)'E', (byte)'L', (byte)'F']);
        AssertBuilt(Build("--strip"));
        Assert.Equal(stripped, File.ReadAllBytes(_image));

        // The app's source changed.
        File.WriteAllText(Path.Combine(_project, "Program.cs"), "System.Console.WriteLine(\"second\");\n");
        AssertBuilt(Build("--strip"));
        Assert.NotEqual(stripped, File.ReadAllBytes(_image));
        AssertReused(Build("--strip"));
    }
}
