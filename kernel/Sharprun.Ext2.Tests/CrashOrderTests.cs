using Sharprun.Ext2.TestTools;
using Sharprun.Ext2.Tests.Support;
using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests;

/// <summary>
/// Power cuts at every point of a session over the write-back cache the guest mounts disks through
/// (kernel/Sharprun.Vfs.Pal/Disks): the image as it stood after each write and each flush is rebuilt from the
/// recorded writes. After a flush it must be clean for e2fsck -fn and hold every file synced before; anywhere else
/// e2fsck -fy must find only leaks (<see cref="CrashFindings"/>: what ext2's write order allows) and repair them
/// without losing a synced file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrashOrderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-crash-order-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// With a small cache dirty blocks are also evicted between flushes, in the cache's order rather than ext2's;
    /// with one that holds the whole session they go back only at the syncs, many operations' changes at once.
    /// </summary>
    [E2fsTheory]
    [InlineData(64 * 1024)]
    [InlineData(4 * 1024 * 1024)]
    public void EveryPrefixOfASessionIsCleanAtFlushesAndRepairableElsewhere(int cacheBytes)
    {
        string baseImage = E2fsTools.MakeImage(_folder.FullName, 1024, 256, seed: null, size: "4M");
        byte[] start = File.ReadAllBytes(baseImage);
        var device = new RecordingBlockDevice((byte[])start.Clone());
        var cache = new CachedBlockDevice(device, cacheBytes, 4096);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(cache, false, out var fs, out _));
        var synced = new List<(int LogLength, string Path, byte[] Content, int? ChangedAt)>();
        Session(fs!, device, synced);

        // Each worker rebuilds its own run of prefixes: e2fsck on every one of them is the test's cost.
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Count, string Text)>();
        int total = device.Log.Count, workers = Math.Clamp(Environment.ProcessorCount, 1, 8);
        Parallel.For(0, workers, worker =>
        {
            int first = 1 + worker * total / workers, last = (worker + 1) * total / workers;
            byte[] image = (byte[])start.Clone();
            string replay = Path.Combine(_folder.FullName, $"replay-{worker}.img");
            for (int count = 1; count <= last; count++)
            {
                var (sector, data) = device.Log[count - 1];
                data?.CopyTo(image, sector * 512);
                if (count >= first)
                    Judge(count, data is null, image, replay, synced, total).ToList().ForEach(text => failures.Add((count, text)));
            }
        });
        Assert.True(failures.IsEmpty, string.Join('\n', failures.OrderBy(failure => failure.Count).Take(10).Select(failure => failure.Text)));
    }

    /// <summary>The image after <paramref name="count"/> of the recorded writes and flushes, as e2fsck and debugfs find it.</summary>
    private static IEnumerable<string> Judge(int count, bool atFlush, byte[] image, string replay, List<(int LogLength, string Path, byte[] Content, int? ChangedAt)> synced, int total)
    {
        File.WriteAllBytes(replay, image);
        var (exit, output) = atFlush ? E2fsTools.Check(replay) : E2fsTools.Repair(replay);
        var violations = CrashFindings.OrderingViolations(output);
        if (exit >= (atFlush ? 1 : 4) || violations.Count > 0)
            yield return $"after {count} of {total}{(atFlush ? " (a flush)" : "")}: e2fsck exit {exit}; not a leak: {string.Join(" | ", violations)}\n{output}";
        foreach (var file in synced.Where(file => file.LogLength <= count && (file.ChangedAt is not { } changed || count <= changed)))
        {
            string back = E2fsTools.Debug(replay, $"cat {file.Path}");
            if (back != System.Text.Encoding.UTF8.GetString(file.Content))
                yield return $"after {count} of {total}: {file.Path} reads '{back}'";
        }
    }

    /// <summary>Creates, writes, renames, deletes; "fsync" (a sync of the file system) at points, noting what it made durable.</summary>
    private static void Session(Ext2FileSystem fs, RecordingBlockDevice device, List<(int, string, byte[], int?)> synced)
    {
        var root = fs.Root;
        void Sync(string path, byte[] content)
        {
            Assert.Equal(FsError.Success, fs.Sync());
            synced.Add((device.Log.Count, path, content, null));
        }
        void Changing(string path)
        {
            int index = synced.FindLastIndex(file => file.Item2 == path && file.Item4 is null);
            if (index >= 0)
                synced[index] = synced[index] with { Item4 = device.Log.Count };
        }
        INode Write(INode parent, string name, string text)
        {
            Assert.Equal(FsError.Success, parent.Create(System.Text.Encoding.UTF8.GetBytes(name), NodeKind.RegularFile, 0x1A4, 0, 0, out var file));
            Assert.Equal(FsError.Success, file!.Write(0, System.Text.Encoding.UTF8.GetBytes(text), out _));
            return file;
        }

        Assert.Equal(FsError.Success, root.Create("d"u8, NodeKind.Directory, 0x1ED, 0, 0, out var dir));
        Write(dir!, "a.txt", "alpha");
        Sync("/d/a.txt", "alpha"u8.ToArray());
        var big = Write(root, "big.bin", new string('b', 20_000));
        for (int i = 0; i < 60; i++)
            Write(dir!, $"f{i:D2}", $"file {i}");
        Sync("/d/f59", "file 59"u8.ToArray());
        Changing("/d/a.txt");
        Assert.Equal(FsError.Success, dir!.Rename("a.txt"u8, root, "moved.txt"u8));
        Sync("/moved.txt", "alpha"u8.ToArray());
        for (int i = 0; i < 60; i += 2)
            Assert.Equal(FsError.Success, dir.Unlink(System.Text.Encoding.UTF8.GetBytes($"f{i:D2}")));
        Assert.Equal(FsError.Success, big.SetAttributes(new AttributeChanges(Size: 3000)));
        Write(root, "c.txt", "gamma");
        Sync("/c.txt", "gamma"u8.ToArray());
        Assert.Equal(FsError.Success, root.Unlink("big.bin"u8));
        for (int i = 0; i < 40; i++)
            Write(root, $"g{i:D2}", new string((char)('a' + i % 26), 1500));
        Changing("/c.txt");
        Assert.Equal(FsError.Success, root.Unlink("c.txt"u8));
        // Directories: made, moved to another parent, replaced by rename, removed.
        Assert.Equal(FsError.Success, root.Create("e"u8, NodeKind.Directory, 0x1ED, 0, 0, out var e));
        Assert.Equal(FsError.Success, e!.Create("inner"u8, NodeKind.Directory, 0x1ED, 0, 0, out var inner));
        Write(inner!, "x.txt", "xi");
        Assert.Equal(FsError.Success, e.Rename("inner"u8, dir, "inner"u8));
        Assert.Equal(FsError.Success, dir.Create("empty"u8, NodeKind.Directory, 0x1ED, 0, 0, out _));
        Sync("/d/inner/x.txt", "xi"u8.ToArray());
        Assert.Equal(FsError.Success, root.Create("empty2"u8, NodeKind.Directory, 0x1ED, 0, 0, out _));
        Assert.Equal(FsError.Success, root.Rename("empty2"u8, dir, "empty"u8));
        Assert.Equal(FsError.Success, dir.RemoveDirectory("empty"u8));
        Assert.Equal(FsError.Success, root.RemoveDirectory("e"u8));
        Write(root, "r.txt", "replacement");
        Changing("/moved.txt");
        Assert.Equal(FsError.Success, root.Rename("r.txt"u8, root, "moved.txt"u8));
        Assert.Equal(FsError.Success, fs.Unmount());
    }
}
