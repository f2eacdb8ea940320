using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Cli;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Files;

/// <summary>
/// Baked files (qemu-tests/Images/bakedfiles): the project's content items at AppContext.BaseDirectory (/app/, the
/// process path being /app/&lt;assembly name&gt;) as dotnet publish places them, read-only with Linux's exceptions
/// for a read-only mount; the tz database for TimeZoneInfo; /etc/hosts; a writable /tmp. On bare metal also a tree
/// baked with <c>build --files</c>, and TZ from <c>run -e</c> choosing the local zone.
/// </summary>
public sealed class BakedFilesTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-baked-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [OnEachPlatform]
    public async Task ContentIsReadOnlyAtTheBaseDirectoryAndTheBclFindsItsFiles(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "bakedfiles");
        Assert.True(guest.ExitCode == 0, guest.ToString());
        string[] lines = guest.Output.Split('\n');
        Assert.Contains("base directory: /app/", lines);
        Assert.Contains("process path: /app/bakedfiles", lines);
        Assert.Contains("argv[0]: /app/bakedfiles", lines);
        Assert.Contains("appsettings: {   \"Greeting\": \"hello from appsettings\" }", lines);
        Assert.Contains("nested: nested content item", lines);
        Assert.Contains("unpublished present: False", lines);
        Assert.Contains("base listing: appsettings.json, data", lines);
        foreach (string attempt in new[] { "overwrite appsettings", "append appsettings", "create file", "create directory", "delete appsettings" })
            AssertRefusedAsReadOnly(lines, attempt);
        Assert.Contains("appsettings after: {   \"Greeting\": \"hello from appsettings\" }", lines);
        Assert.Contains("zone: Europe/Paris base offset 01:00:00", lines);
        Assert.Contains("paris winter noon UTC: 13:00", lines);
        Assert.Contains("paris summer noon UTC: 14:00", lines);
        Assert.Contains("tokyo: 09:00:00", lines);
        Assert.Contains("local zone: UTC", lines);
        Assert.Contains("hosts: 127.0.0.1\tlocalhost", lines);
        Assert.Contains("tmp: tmp is writable", lines);
    }

    [Fact]
    public void FilesOptionBakesAHostTreeAndTzChoosesTheLocalZone()
    {
        string tree = Path.Combine(_folder.FullName, "static");
        Directory.CreateDirectory(Path.Combine(tree, "css"));
        File.WriteAllText(Path.Combine(tree, "index.html"), "<h1>baked</h1>\n");
        File.WriteAllText(Path.Combine(tree, "css", "site.css"), "body {}\n");
        string image = Path.Combine(_folder.FullName, "bakedfiles-files.elf");
        var build = SharprunProcess.Run(Limit, "build", SharprunProcess.InRepository("qemu-tests/Images/bakedfiles"), "-o", image, "--files", tree + ":/srv/static");
        Assert.True(build.ExitCode == 0, build.ToString());

        var run = SharprunProcess.Run(Limit, "run", image, "--timeout", "240", "--memory", "64", "-e", "TZ=Europe/Paris", "--", "/srv/static");
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = run.Output.Split('\n');
        Assert.Contains("extra css/site.css: body {}", lines);
        Assert.Contains("extra index.html: <h1>baked</h1>", lines);
        AssertRefusedAsReadOnly(lines, "write extra");
        Assert.Contains("local zone: Europe/Paris", lines);
        Assert.Contains("nested: nested content item", lines);
    }

    [Fact]
    public void FilesOptionRefusesAMissingDirectoryAndAMalformedValue()
    {
        string project = SharprunProcess.InRepository("qemu-tests/Images/bakedfiles");
        var missing = SharprunProcess.Run(Limit, "build", project, "--files", Path.Combine(_folder.FullName, "nowhere") + ":/srv");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);
        var malformed = SharprunProcess.Run(Limit, "build", project, "--files", _folder.FullName);
        Assert.NotEqual(0, malformed.ExitCode);
        Assert.Contains("HOSTDIR:GUESTDIR", malformed.Error);
    }

    /// <summary>Linux answers EROFS, which .NET raises as an IOException ("Read-only file system") or, for some calls, UnauthorizedAccessException.</summary>
    private static void AssertRefusedAsReadOnly(string[] lines, string attempt)
    {
        string line = Assert.Single(lines, l => l.StartsWith(attempt + ": ", StringComparison.Ordinal));
        Assert.True(line.StartsWith(attempt + ": IOException: ", StringComparison.Ordinal) || line.StartsWith(attempt + ": UnauthorizedAccessException: ", StringComparison.Ordinal), line);
        Assert.DoesNotContain("succeeded", line);
    }
}
