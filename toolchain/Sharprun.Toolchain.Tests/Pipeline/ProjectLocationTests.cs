using System;
using System.IO;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

public sealed class ProjectLocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-project-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Touch(string name)
    {
        string path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "<Project />");
        return path;
    }

    [Fact]
    public void AFolderWithOneProjectResolvesToIt()
    {
        string project = Touch("hello.csproj");
        var location = ProjectLocation.Resolve(_folder, "build");
        Assert.Equal(project, location.ProjectFile);
        Assert.Equal("hello", location.Name);
        Assert.Equal(Path.Combine(_folder, "bin", "sharprun", "hello.elf"), location.DefaultImage);
        Assert.Equal(Path.Combine(_folder, "obj", "sharprun"), location.IntermediateDirectory);
    }

    [Fact]
    public void AProjectFileResolvesToItself() =>
        Assert.Equal("b", ProjectLocation.Resolve(Touch("x/b.csproj"), "build").Name);

    [Fact]
    public void SeveralProjectsMustBeNamed()
    {
        Touch("a.csproj");
        Touch("b.csproj");
        var error = Assert.Throws<UsageException>(() => ProjectLocation.Resolve(_folder, "build"));
        Assert.Contains("several projects (a.csproj, b.csproj)", error.Message);
    }

    [Fact]
    public void AFolderWithoutProjectIsRefused() =>
        Assert.Contains("no .csproj", Assert.Throws<UsageException>(() => ProjectLocation.Resolve(_folder, "build")).Message);

    [Fact]
    public void AFileThatIsNotAProjectIsRefused() =>
        Assert.Contains("is not a .csproj file", Assert.Throws<UsageException>(() => ProjectLocation.Resolve(Touch("notes.txt"), "build")).Message);

    [Fact]
    public void AMissingPathIsRefused() =>
        Assert.Contains("no such project", Assert.Throws<UsageException>(() => ProjectLocation.Resolve(Path.Combine(_folder, "nope"), "build")).Message);
}
