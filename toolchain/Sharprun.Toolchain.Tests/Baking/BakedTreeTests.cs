using System;
using System.IO;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Vfs;
using Sharprun.Vfs.Baked;
using Sharprun.Vfs.Files;
using Xunit;

namespace Sharprun.Toolchain.Tests.Baking;

/// <summary>What the toolchain bakes, read back with the kernel's own archive reader (kernel/Sharprun.Vfs/Baked).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BakedTreeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-baked-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static VirtualFileSystem Mount(byte[] archive)
    {
        Assert.Equal(FsError.Success, BakedArchive.TryParse(archive, out BakedArchive? parsed, out string message));
        Assert.Equal("", message);
        return new VirtualFileSystem(parsed!.FileSystemAt(null)!);
    }

    private static string Read(VirtualFileSystem tree, string path)
    {
        Assert.Equal(FsError.Success, tree.Open(Encoding.UTF8.GetBytes(path), OpenFlags.ReadOnly, 0, out OpenFile? file));
        var buffer = new byte[1 << 16];
        Assert.Equal(FsError.Success, file!.Read(buffer, out int read));
        file.Close();
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private string HostFile(string relative, string contents)
    {
        string path = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        return path;
    }

    [Fact]
    public void ContentHostsAndFilesTreesRoundTripThroughTheKernelsReader()
    {
        string settings = HostFile("project/appsettings.json", "{}");
        string nested = HostFile("project/data/info.txt", "info");
        HostFile("static/index.html", "<h1>hi</h1>");
        HostFile("static/css/site.css", "body {}");
        string script = HostFile("static/run.sh", "#!/bin/sh");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(_folder.FullName, "static", "home.html"), "index.html");

        var tree = ImageFiles.Collect(
            [new ProjectContent.Item(settings, "appsettings.json"), new ProjectContent.Item(nested, "data/info.txt")],
            [new BakedFileMapping(Path.Combine(_folder.FullName, "static"), "/srv/static")],
            timeZones: false);
        var vfs = Mount(tree.ToArchive());

        Assert.Equal("{}", Read(vfs, "/app/appsettings.json"));
        Assert.Equal("info", Read(vfs, "/app/data/info.txt"));
        Assert.Equal(ImageFiles.Hosts, Read(vfs, "/etc/hosts"));
        Assert.Equal(FsError.Success, vfs.ReadLink("/etc/resolv.conf"u8, out byte[] resolver));
        Assert.Equal(ImageFiles.ResolverConfiguration, System.Text.Encoding.UTF8.GetString(resolver));
        Assert.Equal("<h1>hi</h1>", Read(vfs, "/srv/static/index.html"));
        Assert.Equal("<h1>hi</h1>", Read(vfs, "/srv/static/home.html"));
        Assert.Equal("body {}", Read(vfs, "/srv/static/css/site.css"));
        Assert.Equal(FsError.Success, vfs.Stat("/srv/static/run.sh"u8, out var attributes));
        Assert.Equal(0x1EDu, attributes.Permissions);
        Assert.Equal(FsError.Success, vfs.LStat("/srv/static/home.html"u8, out attributes));
        Assert.Equal(Sharprun.Vfs.Nodes.NodeKind.SymbolicLink, attributes.Kind);
    }

    [Fact]
    public void TheSameInputsGiveTheSameArchive()
    {
        string settings = HostFile("appsettings.json", "{}");
        byte[] first = ImageFiles.Collect([new ProjectContent.Item(settings, "appsettings.json")], [], false).ToArchive();
        byte[] second = ImageFiles.Collect([new ProjectContent.Item(settings, "appsettings.json")], [], false).ToArchive();
        Assert.Equal(first, second);
    }

    [Fact]
    public void TwoSourcesForOnePathAreRefusedNamingBoth()
    {
        string settings = HostFile("project/appsettings.json", "{}");
        HostFile("extra/appsettings.json", "{\"other\":1}");
        var error = Assert.Throws<ToolchainException>(() => ImageFiles.Collect(
            [new ProjectContent.Item(settings, "appsettings.json")],
            [new BakedFileMapping(Path.Combine(_folder.FullName, "extra"), "/app")], false));
        Assert.Contains("/app/appsettings.json comes from two places", error.Message);
        Assert.Contains("--files", error.Message);
    }

    [Fact]
    public void AFileWhereADirectoryIsNeededIsRefused()
    {
        var tree = new BakedTree();
        tree.AddGeneratedFile("/srv", [1], "a file");
        Assert.Throws<ToolchainException>(() => tree.AddGeneratedFile("/srv/inner", [2], "a nested file"));
    }

    [Fact]
    public void TheHostTzDatabaseLeavesOutLeapSecondZonesAndTheHostsOwnZone()
    {
        Assert.True(HostZoneInfo.IsLeftOut("right"));
        Assert.True(HostZoneInfo.IsLeftOut("right/Europe/Paris"));
        Assert.True(HostZoneInfo.IsLeftOut("localtime"));
        Assert.False(HostZoneInfo.IsLeftOut("Europe/Paris"));
        Assert.False(HostZoneInfo.IsLeftOut("posix/Europe/Paris"));
        if (!HostZoneInfo.IsAvailable)
            return;
        var tree = ImageFiles.Collect([], [], timeZones: true);
        Assert.Contains("/usr/share/zoneinfo/Europe/Paris", tree.Paths);
        Assert.DoesNotContain(tree.Paths, path => path.StartsWith("/usr/share/zoneinfo/right", StringComparison.Ordinal));
        var vfs = Mount(tree.ToArchive());
        Assert.StartsWith("TZif", Read(vfs, "/usr/share/zoneinfo/Europe/Paris"));
    }
}
