using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Files;

/// <summary>
/// Ordinary file work (whole files, streams, random access, directories and patterns, moves, copies, times, links,
/// temporary files, sharing, the errors) on the image's tmpfs under /tmp prints exactly what the NativeAOT linux-x64
/// build prints on the host, run as root in a fresh temporary folder — watching a folder and its drive included.
/// The drive list itself is the guest's own: its tmpfs root, where the host has its disks.
/// </summary>
public sealed class FileSystemTests
{
    [Theory]
    [OnEachPlatform("files", new[] { "/tmp" })]
    public async Task GuestFilesBehaveLikeLinux(Platform platform, string image, string[] arguments)
    {
        var guest = await GuestRuns.BootAsync(platform, image, arguments);
        var folder = Directory.CreateTempSubdirectory("sharprun-files-");
        try
        {
            var host = NativeAotReference.Run(image, folder.FullName);
            Assert.Equal(host.Output, guest.Output);
            Assert.Equal(host.Error, guest.Error);
            Assert.Equal(host.ExitCode, guest.ExitCode);
            Assert.DoesNotContain("FAILED", guest.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [OnEachPlatform("files", new[] { "/tmp", "drives" })]
    public async Task TheGuestsDrivesAreItsTmpfsRootAndItsBakedTrees(Platform platform, string image, string[] arguments)
    {
        var guest = await GuestRuns.BootAsync(platform, image, arguments);
        // The baked trees (/app, the application's directory, and /etc with hosts) are read-only mounts of their
        // own file system, whose name .NET does not know: DriveType Unknown, as on Linux for any such name.
        Assert.Equal("/ tmpfs Ram\n/app bakedfs Unknown\n/etc bakedfs Unknown\n", guest.Output);
        Assert.Equal(0, guest.ExitCode);
    }
}
