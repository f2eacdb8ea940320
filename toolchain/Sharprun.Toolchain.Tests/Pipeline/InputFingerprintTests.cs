using System;
using System.IO;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

public sealed class InputFingerprintTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sharprun-fingerprint-").FullName;
    private readonly RepositoryLayout _layout;
    private readonly ProjectLocation _project;
    private readonly BuildSettings _settings;

    public InputFingerprintTests()
    {
        Write("kernel/Sharprun.Kernel/Sharprun.Kernel.csproj", "<Project />");
        Write("kernel/Sharprun.Kernel/Gc.cs", "class Gc {}");
        Write("hypercall-baremetal/Serial.cs", "class Serial {}");
        Write("app/app.csproj", "<Project />");
        Write("app/Program.cs", "System.Console.WriteLine();");
        Write("app/bin/Release/net9.0/app.dll", "old");
        Write("app/obj/project.assets.json", "{}");
        _layout = new RepositoryLayout(_root);
        _project = ProjectLocation.Resolve(Path.Combine(_root, "app"), "run");
        _settings = new BuildSettings(_project.DefaultImage, "baremetal", Strip: false);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Fingerprint(BuildSettings? settings = null) => InputFingerprint.Compute(_project, _layout, settings ?? _settings);

    [Fact]
    public void IsStableWhileNothingChanges() => Assert.Equal(Fingerprint(), Fingerprint());

    [Theory]
    [InlineData("app/Program.cs")]
    [InlineData("app/Extra.cs")]
    [InlineData("app/app.csproj")]
    [InlineData("app/Sub/Folder/Deep.cs")]
    [InlineData("Directory.Build.props")]
    [InlineData("kernel/Sharprun.Kernel/Gc.cs")]
    [InlineData("hypercall-baremetal/Serial.cs")]
    public void ChangesWithAnyInput(string relative)
    {
        string before = Fingerprint();
        Write(relative, "changed");
        Assert.NotEqual(before, Fingerprint());
    }

    [Theory]
    [InlineData("app/bin/Release/net9.0/app.dll")]
    [InlineData("app/obj/sharprun/app.o")]
    [InlineData("kernel/Sharprun.Kernel/obj/x.cache")]
    [InlineData("app/.vs/state")]
    [InlineData("kernel/Sharprun.Kernel.Tests/GcTests.cs")]
    [InlineData("unrelated/file.cs")]
    public void IgnoresBuildOutputsAndUnrelatedFiles(string relative)
    {
        string before = Fingerprint();
        Write(relative, "changed");
        Assert.Equal(before, Fingerprint());
    }

    [Fact]
    public void MovingContentBetweenFilesChangesIt()
    {
        Write("app/A.cs", "ab");
        Write("app/B.cs", "");
        string before = Fingerprint();
        Write("app/A.cs", "a");
        Write("app/B.cs", "b");
        Assert.NotEqual(before, Fingerprint());
    }

    [Fact]
    public void DependsOnTheBuildSettings() =>
        Assert.NotEqual(Fingerprint(), Fingerprint(_settings with { Strip = true }));

    [Fact]
    public void DependsOnTheBakedEnvironment()
    {
        string baked = Fingerprint(_settings with { Environment = ["A=1"] });
        Assert.NotEqual(Fingerprint(), baked);
        Assert.Equal(baked, Fingerprint(_settings with { Environment = ["A=1"] }));
        Assert.NotEqual(baked, Fingerprint(_settings with { Environment = ["A=2"] }));
        Assert.NotEqual(baked, Fingerprint(_settings with { Environment = ["A=1", "B="] }));
    }

    [Fact]
    public void DependsOnTheFilesTreesWholeAndWhereTheyGo()
    {
        Write("static/index.html", "<h1>1</h1>");
        Write("static/bin/kept.txt", "a --files tree is baked whole, bin/ included");
        var files = _settings with { Files = [new BakedFileMapping(Path.Combine(_root, "static"), "/srv")] };
        string baked = Fingerprint(files);
        Assert.NotEqual(Fingerprint(), baked);
        Assert.NotEqual(baked, Fingerprint(files with { Files = [new BakedFileMapping(Path.Combine(_root, "static"), "/www")] }));
        Write("static/bin/kept.txt", "changed");
        Assert.NotEqual(baked, Fingerprint(files));
    }

    [Fact]
    public void StoredBesideTheImageAndMatchedOnlyWithTheImage()
    {
        string fingerprint = Fingerprint();
        Directory.CreateDirectory(Path.GetDirectoryName(_settings.Image)!);
        Assert.False(InputFingerprint.Matches(_settings.Image, fingerprint));

        File.WriteAllBytes(_settings.Image, [1, 2, 3]);
        InputFingerprint.Store(_settings.Image, fingerprint);
        Assert.True(InputFingerprint.Matches(_settings.Image, fingerprint));
        Assert.False(InputFingerprint.Matches(_settings.Image, fingerprint.Replace('a', 'b').Replace('0', '1')));

        File.Delete(_settings.Image);
        Assert.False(InputFingerprint.Matches(_settings.Image, fingerprint));
    }

    [Fact]
    public void AnImageChangedAfterItsBuildDoesNotMatch()
    {
        string fingerprint = Fingerprint();
        Directory.CreateDirectory(Path.GetDirectoryName(_settings.Image)!);
        File.WriteAllBytes(_settings.Image, [1, 2, 3]);
        InputFingerprint.Store(_settings.Image, fingerprint);

        File.WriteAllBytes(_settings.Image, [1, 2, 4]);
        Assert.False(InputFingerprint.Matches(_settings.Image, fingerprint));
        File.WriteAllBytes(_settings.Image, [1, 2, 3]);
        Assert.True(InputFingerprint.Matches(_settings.Image, fingerprint));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("{0}")]
    [InlineData("{0}\nimage 00\n")]
    [InlineData("{0}\n{0}\n{0}\n")]
    public void AFingerprintFileThatIsNotOursDoesNotMatch(string contents)
    {
        string fingerprint = Fingerprint();
        Directory.CreateDirectory(Path.GetDirectoryName(_settings.Image)!);
        File.WriteAllBytes(_settings.Image, [1, 2, 3]);
        File.WriteAllText(InputFingerprint.FileFor(_settings.Image), string.Format(contents, fingerprint));
        Assert.False(InputFingerprint.Matches(_settings.Image, fingerprint));
    }
}
