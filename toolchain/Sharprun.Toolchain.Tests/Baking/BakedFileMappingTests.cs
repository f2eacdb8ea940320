using System;
using System.IO;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Xunit;

namespace Sharprun.Toolchain.Tests.Baking;

public sealed class BakedFileMappingTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-files-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static string Refuse(string value) =>
        Assert.Throws<UsageException>(() => BakedFileMapping.Parse(value, "build")).Message;

    [Fact]
    public void AHostDirectoryMapsToAnAbsoluteGuestDirectory()
    {
        var mapping = BakedFileMapping.Parse(_folder.FullName + ":/srv/static/", "build");
        Assert.Equal(new BakedFileMapping(_folder.FullName, "/srv/static"), mapping);
    }

    [Fact]
    public void TheGuestDirectoryFollowsTheLastColon()
    {
        string odd = Directory.CreateDirectory(Path.Combine(_folder.FullName, "a:b")).FullName;
        Assert.Equal(new BakedFileMapping(odd, "/data"), BakedFileMapping.Parse(odd + ":/data", "build"));
    }

    [Fact]
    public void ARelativeHostDirectoryIsResolved()
    {
        string previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _folder.FullName;
            Directory.CreateDirectory("data");
            Assert.Equal(Path.Combine(_folder.FullName, "data"), BakedFileMapping.Parse("data:/app/data", "build").HostDirectory);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData(":/srv")]
    [InlineData("dir:")]
    public void AValueWithoutBothPartsIsRefused(string value) => Assert.Contains("HOSTDIR:GUESTDIR", Refuse(value));

    [Fact]
    public void ARelativeGuestDirectoryIsRefused() => Assert.Contains("absolute", Refuse(_folder.FullName + ":srv"));

    [Fact]
    public void TheRootIsRefused() => Assert.Contains("root", Refuse(_folder.FullName + ":/"));

    [Theory]
    [InlineData("/tmp")]
    [InlineData("/tmp/x")]
    public void TmpIsRefused(string guest) => Assert.Contains("/tmp", Refuse(_folder.FullName + ":" + guest));

    [Theory]
    [InlineData("/a/../b")]
    [InlineData("/a//b")]
    [InlineData("/./b")]
    public void DotAndEmptyComponentsAreRefused(string guest) => Assert.Contains("component", Refuse(_folder.FullName + ":" + guest));

    [Fact]
    public void AMissingHostDirectoryIsRefused() =>
        Assert.Contains("does not exist", Refuse(Path.Combine(_folder.FullName, "missing") + ":/srv"));

    [Fact]
    public void AHostFileIsRefused()
    {
        string file = Path.Combine(_folder.FullName, "file.txt");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Refuse(file + ":/srv"));
    }
}
