using Sharprun.Vfs.Files;
using Sharprun.Vfs.Tests.Support;
using Sharprun.Vfs.Tmpfs;
using Sharprun.Vfs.Watches;

namespace Sharprun.Vfs.Tests;

/// <summary>What the host comparison cannot reach: queue limits, reads of every size, waiting, closing, unmounting.</summary>
public sealed class WatchTests
{
    private readonly TestTree _tree = new();

    private VirtualFileSystem Vfs => _tree.Vfs;

    [Fact]
    public void AFullQueueEndsInOneOverflowEvent()
    {
        WatchInstance instance = NewInstance(queueLimit: 3);
        Assert.Equal(FsError.Success, instance.AddWatch("/"u8, WatchMask.Create, out _));
        for (int i = 0; i < 6; i++)
            _tree.MakeDirectory($"/d{i}");
        List<string> events = Take(instance);
        Assert.Equal(["1 40000100 - d0", "1 40000100 - d1", "1 40000100 - d2", "-1 4000 -"], events);
        _tree.MakeDirectory("/after");
        Assert.Equal(["1 40000100 - after"], Take(instance));
    }

    [Fact]
    public void AReadTakesWholeEventsAndRefusesABufferTooSmallForTheNext()
    {
        WatchInstance instance = NewInstance();
        Assert.Equal(FsError.Success, instance.AddWatch("/"u8, WatchMask.Create, out _));
        Assert.Equal(FsError.WouldBlock, instance.Read(new byte[64], out _));
        _tree.MakeDirectory("/a");
        _tree.MakeDirectory("/a-name-of-sixteen");
        Assert.Equal(FsError.InvalidArgument, instance.Read(new byte[31], out _));
        Assert.Equal(FsError.InvalidArgument, instance.Read([], out _));
        // 32 for the first (16 + "a" padded to 16), 48 for the second (16 + 18 padded to 32).
        Assert.Equal(FsError.Success, instance.Read(new byte[79], out int read));
        Assert.Equal(32, read);
        Assert.Equal(FsError.Success, instance.Read(new byte[48], out read));
        Assert.Equal(48, read);
        Assert.False(instance.HasEvents);
    }

    [Fact]
    public async Task AWaitingReaderIsWokenByAnEvent()
    {
        WatchInstance instance = NewInstance();
        Assert.Equal(FsError.Success, instance.AddWatch("/"u8, WatchMask.Create, out _));
        var reader = Task.Run(() =>
        {
            lock (Vfs.Sync)
            {
                while (!instance.HasEvents)
                    Monitor.Wait(Vfs.Sync);
            }
            return Take(instance);
        });
        await Task.Delay(50);
        _tree.WriteFile("/woken", "");
        Assert.Equal(["1 100 - woken"], await reader.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void ClosingAnInstanceDropsItsWatchesAndFurtherCallsAreRefused()
    {
        WatchInstance instance = NewInstance();
        Assert.Equal(FsError.Success, instance.AddWatch("/"u8, WatchMask.Create, out int descriptor));
        instance.Close();
        Assert.False(Vfs.Watches.IsWatched(_tree.Vfs.Mounts.Root.Root));
        Assert.Equal(FsError.BadDescriptor, instance.Read(new byte[64], out _));
        Assert.Equal(FsError.BadDescriptor, instance.RemoveWatch(descriptor));
        Assert.Equal(FsError.BadDescriptor, instance.AddWatch("/"u8, WatchMask.Create, out _));
    }

    [Fact]
    public void InstancesAndWatchesAreLimited()
    {
        var instances = new List<WatchInstance>();
        for (int i = 0; i < WatchTable.InstanceLimit; i++)
            instances.Add(NewInstance());
        Assert.Equal(FsError.TooManyOpenFiles, Vfs.CreateWatchInstance(out _));
        instances[0].Close();
        instances[0] = NewInstance();

        for (int i = 0; i < WatchTable.WatchLimit; i++)
            _tree.WriteFile($"/f{i}", "");
        for (int i = 0; i < WatchTable.WatchLimit; i++)
            Assert.Equal(FsError.Success, instances[1].AddWatch(TestTree.Bytes($"/f{i}"), WatchMask.Modify, out _));
        Assert.Equal(FsError.NoSpace, instances[1].AddWatch("/"u8, WatchMask.Modify, out _));
        Assert.Equal(FsError.Success, instances[1].AddWatch("/f0"u8, WatchMask.Attributes, out int same));
        Assert.Equal(1, same);
        foreach (WatchInstance instance in instances)
            instance.Close();
    }

    [Fact]
    public void UnmountingReportsUnmountThenIgnored()
    {
        _tree.MakeDirectory("/m");
        Assert.Equal(FsError.Success, Vfs.Mount("/m"u8, new TmpfsFileSystem(1 << 20, _tree.Clock)));
        _tree.MakeDirectory("/m/inner");
        WatchInstance instance = NewInstance();
        Assert.Equal(FsError.Success, instance.AddWatch("/m/inner"u8, WatchMask.AllEvents, out _));
        Assert.Equal(FsError.Success, instance.AddWatch("/"u8, WatchMask.AllEvents, out _));
        Assert.Equal(FsError.Success, Vfs.Unmount("/m"u8));
        Assert.Equal(["1 2000 -", "1 8000 -"], Take(instance));
    }

    [Fact]
    public void ListingADirectoryIsAnAccess()
    {
        _tree.MakeDirectory("/d");
        WatchInstance instance = NewInstance();
        Assert.Equal(FsError.Success, instance.AddWatch("/d"u8, WatchMask.AllEvents, out _));
        OpenFile directory = _tree.Open("/d", OpenFlags.ReadOnly | OpenFlags.Directory);
        while (directory.ReadDirectoryEntry(out var entry) == FsError.Success && entry is not null)
        {
        }
        directory.Close();
        Assert.Equal(["1 40000020 -", "1 40000001 -", "1 40000010 -"], Take(instance));
    }

    [Fact]
    public void RealPathResolvesEveryLinkAndDot()
    {
        _tree.MakeDirectory("/d");
        _tree.MakeDirectory("/d/e");
        _tree.WriteFile("/d/e/f", "");
        Assert.Equal(FsError.Success, Vfs.SymbolicLink("d/e"u8, "/l"u8));
        Assert.Equal(FsError.Success, Vfs.SymbolicLink("../e/f"u8, "/d/e/fl"u8));
        Assert.Equal(FsError.Success, Vfs.ChangeDirectory("/d"u8));
        Assert.Equal("/d/e/f", RealPath("/l/./fl"));
        Assert.Equal("/d/e", RealPath("/l/"));
        Assert.Equal("/d", RealPath("e/.."));
        Assert.Equal("/", RealPath("/.."));
        Assert.Equal("/d/e/f", RealPath("e//f"));
        Assert.Equal(FsError.NotFound, Vfs.RealPath("/l/missing"u8, out _));
        Assert.Equal(FsError.NotADirectory, Vfs.RealPath("/d/e/f/"u8, out _));
    }

    [Fact]
    public void MountPointsAreListedRootFirst()
    {
        _tree.MakeDirectory("/a");
        _tree.MakeDirectory("/a/b");
        Assert.Equal(FsError.Success, Vfs.Mount("/a/b"u8, new TmpfsFileSystem(1 << 20, _tree.Clock)));
        _tree.MakeDirectory("/a/b/c");
        Assert.Equal(FsError.Success, Vfs.Mount("/a/b/c"u8, new TmpfsFileSystem(1 << 20, _tree.Clock)));
        var paths = new List<string>();
        Assert.Equal(FsError.Success, Vfs.MountPoints(paths));
        Assert.Equal(["/", "/a/b", "/a/b/c"], paths);
    }

    private string RealPath(string path)
    {
        Assert.Equal(FsError.Success, Vfs.RealPath(TestTree.Bytes(path), out string resolved));
        return resolved;
    }

    private WatchInstance NewInstance(int queueLimit = WatchInstance.DefaultQueueLimit)
    {
        Assert.Equal(FsError.Success, Vfs.CreateWatchInstance(out WatchInstance? instance, queueLimit));
        return instance!;
    }

    private static List<string> Take(WatchInstance instance)
    {
        var events = new List<string>();
        var text = new WatchEventText();
        var buffer = new byte[4096];
        while (instance.Read(buffer, out int read) == FsError.Success)
            text.Decode(buffer.AsSpan(0, read), events);
        return events;
    }
}
