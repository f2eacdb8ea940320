using Sharprun.Ext2.TestTools;
using Sharprun.Ext2.Tests.Support;
using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;
using Sharprun.Vfs.Nodes;
using Xunit.Abstractions;

namespace Sharprun.Ext2.Tests;

/// <summary>
/// How many device writes ext2's operations cost through the block cache the guest mounts disks with: operations
/// that keep changing the same bitmap, inode table and directory blocks coalesce in the cache, while their crash-safe
/// order (<see cref="CrashOrderTests"/>) is kept.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WriteBackTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-write-back-");

    public void Dispose() => _folder.Delete(recursive: true);

    [E2fsFact]
    public void CreatingStatingAndDeletingManySmallFilesWritesLittleBeforeTheSync()
    {
        string image = E2fsTools.MakeImage(_folder.FullName, 4096, 256, seed: null, size: "64M");
        byte[] bytes = File.ReadAllBytes(image);
        var device = new RecordingBlockDevice(bytes);
        var cache = new CachedBlockDevice(device, 16 << 20, 4096);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(cache, false, out var fs, out _));
        Assert.Equal(FsError.Success, fs!.Root.Create("small"u8, NodeKind.Directory, 0x1ED, 0, 0, out var folder));
        const int Files = 1500;
        byte[] contents = new byte[1024];
        int mounted = device.Log.Count;
        for (int i = 0; i < Files; i++)
        {
            Assert.Equal(FsError.Success, folder!.Create(Name(i), NodeKind.RegularFile, 0x1A4, 0, 0, out var file));
            Assert.Equal(FsError.Success, file!.Write(0, contents, out _));
        }
        int created = device.Log.Count;
        for (int i = 0; i < Files; i++)
        {
            Assert.Equal(FsError.Success, folder!.Lookup(Name(i), out var file));
            Assert.Equal(FsError.Success, file!.GetAttributes(out var attributes));
            Assert.Equal(1024, attributes.Size);
        }
        for (int i = 0; i < Files; i++)
            Assert.Equal(FsError.Success, folder!.Unlink(Name(i)));
        int deleted = device.Log.Count;
        Assert.Equal(FsError.Success, fs.Unmount());
        output.WriteLine($"device writes: {created - mounted} creating, {deleted - created} deleting, {device.Log.Count - deleted} at the unmount");

        // Writing each operation's blocks in order would cost several writes a file; the deletes write the blocks
        // the creates left in the cache (one inode table block and its files' data at a time), nothing else.
        Assert.True(created - mounted <= Files / 25, $"{created - mounted} writes while creating {Files} files");
        Assert.True(deleted - created <= Files / 4, $"{deleted - created} writes while deleting {Files} files");
        File.WriteAllBytes(image, bytes);
        E2fsTools.AssertClean(image);
    }

    private static byte[] Name(int i) => System.Text.Encoding.UTF8.GetBytes($"file-{i:D5}");
}
