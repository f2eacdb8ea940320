using Sharprun.Vfs.Files;
using Sharprun.Vfs.Locks;
using Sharprun.Vfs.Tests.Support;

namespace Sharprun.Vfs.Tests;

public sealed class LockTests
{
    private readonly TestTree _tree = new();

    [Fact]
    public void FlockBelongsToTheOpenFileAndGoesAtClose()
    {
        _tree.WriteFile("/f", "x");
        OpenFile first = _tree.Open("/f", OpenFlags.ReadOnly);
        OpenFile second = _tree.Open("/f", OpenFlags.ReadOnly);
        Assert.Equal(FsError.Success, first.Flock(OpenFlags.LockShared));
        Assert.Equal(FsError.Success, second.Flock(OpenFlags.LockShared | OpenFlags.LockNonBlocking));
        Assert.Equal(FsError.WouldBlock, second.Flock(OpenFlags.LockExclusive | OpenFlags.LockNonBlocking));
        Assert.Equal(FsError.Success, first.Flock(OpenFlags.LockUnlock));
        Assert.Equal(FsError.Success, second.Flock(OpenFlags.LockExclusive | OpenFlags.LockNonBlocking));
        Assert.Equal(FsError.WouldBlock, first.Flock(OpenFlags.LockShared | OpenFlags.LockNonBlocking));
        Assert.Equal(FsError.InvalidArgument, first.Flock(0));
        second.Close();
        Assert.Equal(FsError.Success, first.Flock(OpenFlags.LockExclusive));
        first.Close();
    }

    [Fact]
    public void ABlockedWaiterIsPulsedWhenTheLockGoes()
    {
        _tree.WriteFile("/f", "x");
        OpenFile holder = _tree.Open("/f", OpenFlags.ReadOnly);
        OpenFile waiter = _tree.Open("/f", OpenFlags.ReadOnly);
        holder.Flock(OpenFlags.LockExclusive);
        var acquired = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            lock (_tree.Vfs.Sync)
            {
                while (waiter.Flock(OpenFlags.LockExclusive) == FsError.WouldBlock)
                    Monitor.Wait(_tree.Vfs.Sync);
            }
            acquired.Set();
        });
        thread.Start();
        Assert.False(acquired.Wait(50));
        holder.Close();
        Assert.True(acquired.Wait(5000));
        thread.Join();
        waiter.Close();
    }

    [Fact]
    public void RegionLocksConflictSplitAndMerge()
    {
        var table = new RegionLockTable();
        var key = new NodeKey(_tree.Root, 5);
        object a = "a", b = "b";
        Assert.Equal(FsError.Success, table.TrySet(key, a, RegionLockType.Write, 0, 100));
        Assert.Equal(FsError.WouldBlock, table.TrySet(key, b, RegionLockType.Read, 50, 51));
        Assert.Equal(FsError.Success, table.TrySet(key, b, RegionLockType.Write, 100, 200));
        Assert.Equal(FsError.Success, table.TrySet(key, a, RegionLockType.Unlock, 40, 60));
        Assert.Equal([(0L, 40L), (60L, 100L)], table.LocksOf(key, a).Select(l => (l.Start, l.End)).Order());
        Assert.Equal(FsError.Success, table.TrySet(key, b, RegionLockType.Read, 45, 55));
        Assert.Equal(FsError.Success, table.TrySet(key, a, RegionLockType.Read, 40, 45));
        Assert.Equal(FsError.Success, table.TrySet(key, a, RegionLockType.Write, 30, 35));
        Assert.Equal(3, table.LocksOf(key, a).Count);
        RegionLock conflict = table.FindConflict(key, a, RegionLockType.Write, 0, long.MaxValue);
        Assert.Same(b, conflict.Owner);
        Assert.Equal(RegionLockType.Unlock, table.FindConflict(key, a, RegionLockType.Read, 45, 55).Type);
        Assert.True(table.ReleaseOwner(key, b));
        Assert.Equal(FsError.Success, table.TrySet(key, a, RegionLockType.Write, 0, long.MaxValue));
        RegionLock whole = Assert.Single(table.LocksOf(key, a));
        Assert.Equal(0, whole.Length);
    }

    [Fact]
    public void RegionLocksThroughAnOpenFile()
    {
        _tree.WriteFile("/f", "0123456789");
        OpenFile file = _tree.Open("/f", OpenFlags.ReadWrite);
        OpenFile reader = _tree.Open("/f", OpenFlags.ReadOnly);
        object me = 1, other = 2;
        Assert.Equal(FsError.Success, file.SetRegionLock(me, RegionLockType.Write, OpenFlags.SeekEnd, -4, 0));
        Assert.Equal(FsError.Success, reader.TestRegionLock(other, RegionLockType.Read, OpenFlags.SeekSet, 0, 0, out RegionLock conflict));
        Assert.Equal((RegionLockType.Write, 6L, 0L), (conflict.Type, conflict.Start, conflict.Length));
        Assert.Equal(FsError.WouldBlock, reader.SetRegionLock(other, RegionLockType.Read, OpenFlags.SeekSet, 8, 1));
        Assert.Equal(FsError.Success, reader.SetRegionLock(other, RegionLockType.Read, OpenFlags.SeekSet, 6, -6));
        Assert.Equal(FsError.BadDescriptor, reader.SetRegionLock(other, RegionLockType.Write, OpenFlags.SeekSet, 0, 1));
        Assert.Equal(FsError.InvalidArgument, reader.SetRegionLock(other, RegionLockType.Read, OpenFlags.SeekSet, 2, -6));
        file.ReleaseRegionLocks(me);
        Assert.Equal(FsError.Success, reader.SetRegionLock(other, RegionLockType.Read, OpenFlags.SeekSet, 8, 1));
        file.Close();
        reader.Close();
    }
}
