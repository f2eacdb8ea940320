using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Tests.Support;
using Sharprun.Vfs.Tmpfs;

namespace Sharprun.Vfs.Tests;

public sealed class TmpfsTests
{
    private readonly TestClock _clock = new();

    private TmpfsFileSystem NewFileSystem(long limit = 1 << 20) => new(limit, _clock);

    private static INode Create(INode directory, string name, NodeKind kind = NodeKind.RegularFile)
    {
        Assert.Equal(FsError.Success, directory.Create(TestTree.Bytes(name), kind, 0x1A4, 0, 0, out INode? node));
        return node!;
    }

    private static NodeAttributes Attributes(INode node)
    {
        Assert.Equal(FsError.Success, node.GetAttributes(out NodeAttributes attributes));
        return attributes;
    }

    [Fact]
    public void HolesCostNothingAndReadAsZeros()
    {
        TmpfsFileSystem fs = NewFileSystem();
        INode file = Create(fs.Root, "sparse");
        Assert.Equal(FsError.Success, file.Write(100_000_000, "x"u8, out int written));
        Assert.Equal(1, written);
        NodeAttributes attributes = Attributes(file);
        Assert.Equal(100_000_001, attributes.Size);
        Assert.Equal(4096, attributes.AllocatedBytes);
        var buffer = new byte[10];
        buffer.AsSpan().Fill(0xFF);
        Assert.Equal(FsError.Success, file.Read(5000, buffer, out int read));
        Assert.Equal(10, read);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public void WritesPastTheLimitArePartialThenNoSpace()
    {
        TmpfsFileSystem fs = NewFileSystem(3 * 4096);
        INode file = Create(fs.Root, "big");
        var data = new byte[5 * 4096];
        Assert.Equal(FsError.Success, file.Write(100, data, out int written));
        Assert.Equal(3 * 4096 - 100, written);
        Assert.Equal(FsError.NoSpace, file.Write(100 + written, data, out written));
        Assert.Equal(0, written);
        Assert.Equal(FsError.Success, fs.GetStatistics(out FileSystemStatistics statistics));
        Assert.Equal(0, statistics.FreeBlocks);
        Assert.Equal(3, statistics.TotalBlocks);
        Assert.Equal(TmpfsFileSystem.TmpfsMagic, statistics.Magic);
        Assert.Equal(0x01021994, statistics.Magic);
        Assert.Equal(FsError.Success, file.SetAttributes(new AttributeChanges(Size: 0)));
        Assert.Equal(FsError.Success, fs.GetStatistics(out statistics));
        Assert.Equal(3, statistics.FreeBlocks);
    }

    [Fact]
    public void ShrinkingThenGrowingReadsZerosInTheTail()
    {
        TmpfsFileSystem fs = NewFileSystem();
        INode file = Create(fs.Root, "f");
        file.Write(0, "abcdefgh"u8, out _);
        file.SetAttributes(new AttributeChanges(Size: 3));
        file.SetAttributes(new AttributeChanges(Size: 8));
        var buffer = new byte[8];
        file.Read(0, buffer, out int read);
        Assert.Equal(8, read);
        Assert.Equal("abc\0\0\0\0\0"u8.ToArray(), buffer);
    }

    [Fact]
    public void InodeNumbersAreUniqueAndUnlinkedOpenNodesLiveUntilLastClose()
    {
        TmpfsFileSystem fs = NewFileSystem(8 * 4096);
        var numbers = new HashSet<ulong> { fs.Root.Number };
        for (int i = 0; i < 20; i++)
            Assert.True(numbers.Add(Create(fs.Root, $"n{i}").Number));
        INode file = Create(fs.Root, "doomed");
        file.Write(0, new byte[8192], out _);
        long nodes = fs.NodeCount;
        file.Open();
        Assert.Equal(FsError.Success, fs.Root.Unlink("doomed"u8));
        Assert.Equal(0u, Attributes(file).LinkCount);
        Assert.Equal(FsError.NotFound, fs.Root.Lookup("doomed"u8, out _));
        Assert.Equal(8192, fs.UsedBytes);
        Assert.Equal(FsError.Success, file.Read(0, new byte[10], out int read));
        Assert.Equal(10, read);
        file.Close();
        Assert.Equal(0, fs.UsedBytes);
        Assert.Equal(nodes - 1, fs.NodeCount);
    }

    [Fact]
    public void HardLinksCountAndDirectoriesCannotBeLinked()
    {
        TmpfsFileSystem fs = NewFileSystem();
        INode file = Create(fs.Root, "a");
        INode directory = Create(fs.Root, "d", NodeKind.Directory);
        Assert.Equal(FsError.Success, directory.Link("b"u8, file));
        Assert.Equal(2u, Attributes(file).LinkCount);
        Assert.Equal(FsError.NotPermitted, fs.Root.Link("e"u8, directory));
        Assert.Equal(FsError.Exists, fs.Root.Link("a"u8, file));
        Assert.Equal(FsError.Success, fs.Root.Unlink("a"u8));
        Assert.Equal(1u, Attributes(file).LinkCount);
        Assert.Equal(FsError.Success, directory.Lookup("b"u8, out INode? again));
        Assert.Same(file, again);
    }

    [Fact]
    public void DirectoryLinkCountsAndDotDot()
    {
        TmpfsFileSystem fs = NewFileSystem();
        INode a = Create(fs.Root, "a", NodeKind.Directory);
        INode b = Create(a, "b", NodeKind.Directory);
        Assert.Equal(3u, Attributes(fs.Root).LinkCount);
        Assert.Equal(3u, Attributes(a).LinkCount);
        Assert.Equal(FsError.Success, b.Lookup(".."u8, out INode? up));
        Assert.Same(a, up);
        Assert.Equal(FsError.Success, fs.Root.Lookup(".."u8, out up));
        Assert.Same(fs.Root, up);
        Assert.Equal(FsError.NotEmpty, fs.Root.RemoveDirectory("a"u8));
        Assert.Equal(FsError.Success, fs.Root.Rename("a"u8, fs.Root, "c"u8));
        Assert.Equal(FsError.Success, a.Rename("b"u8, fs.Root, "b"u8));
        Assert.Equal(2u, Attributes(a).LinkCount);
        Assert.Equal(4u, Attributes(fs.Root).LinkCount);
        Assert.Equal(FsError.Success, b.Lookup(".."u8, out up));
        Assert.Same(fs.Root, up);
    }

    [Fact]
    public void RenameFollowsPosix()
    {
        TmpfsFileSystem fs = NewFileSystem();
        INode a = Create(fs.Root, "a", NodeKind.Directory);
        INode inner = Create(a, "inner", NodeKind.Directory);
        INode file = Create(fs.Root, "f");
        Create(fs.Root, "g");
        INode empty = Create(fs.Root, "empty", NodeKind.Directory);
        Create(fs.Root, "full", NodeKind.Directory).Create("x"u8, NodeKind.RegularFile, 0, 0, 0, out _);

        Assert.Equal(FsError.InvalidArgument, fs.Root.Rename("a"u8, inner, "a2"u8));
        Assert.Equal(FsError.InvalidArgument, fs.Root.Rename("a"u8, a, "a2"u8));
        Assert.Equal(FsError.IsADirectory, fs.Root.Rename("f"u8, fs.Root, "empty"u8));
        Assert.Equal(FsError.NotADirectory, fs.Root.Rename("a"u8, fs.Root, "f"u8));
        Assert.Equal(FsError.NotEmpty, fs.Root.Rename("a"u8, fs.Root, "full"u8));
        Assert.Equal(FsError.NotFound, fs.Root.Rename("missing"u8, fs.Root, "x"u8));
        Assert.Equal(FsError.Success, fs.Root.Rename("f"u8, fs.Root, "f"u8));

        _clock.NowNanoseconds += 1000;
        Assert.Equal(FsError.Success, fs.Root.Rename("f"u8, fs.Root, "g"u8));
        Assert.Equal(FsError.Success, fs.Root.Lookup("g"u8, out INode? g));
        Assert.Same(file, g);
        Assert.Equal(_clock.NowNanoseconds, Attributes(file).ChangeTime);
        Assert.Equal(_clock.NowNanoseconds, Attributes(fs.Root).ModifyTime);

        Assert.Equal(FsError.Success, fs.Root.Rename("a"u8, fs.Root, "empty"u8));
        Assert.True(((TmpfsNode)empty).IsFreed);
        Assert.Equal(FsError.Success, fs.Root.Lookup("empty"u8, out INode? moved));
        Assert.Same(a, moved);
    }

    [Fact]
    public void TimesComeFromTheClock()
    {
        TmpfsFileSystem fs = NewFileSystem();
        _clock.NowNanoseconds = 5_000;
        INode file = Create(fs.Root, "t");
        Assert.Equal(5_000, Attributes(file).BirthTime);
        _clock.NowNanoseconds = 7_000;
        file.Write(0, "x"u8, out _);
        NodeAttributes attributes = Attributes(file);
        Assert.Equal(7_000, attributes.ModifyTime);
        Assert.Equal(7_000, attributes.ChangeTime);
        Assert.Equal(5_000, attributes.AccessTime);
        _clock.NowNanoseconds = 9_000;
        file.SetAttributes(new AttributeChanges(AccessTime: 1, ModifyTime: 2));
        attributes = Attributes(file);
        Assert.Equal((1L, 2L, 9_000L), (attributes.AccessTime, attributes.ModifyTime, attributes.ChangeTime));
    }

    [Fact]
    public void NamesAreRawBytesUpTo255()
    {
        TmpfsFileSystem fs = NewFileSystem();
        byte[] name = [0xFF, 0xFE, (byte)'a'];
        Assert.Equal(FsError.Success, fs.Root.Create(name, NodeKind.Fifo, 0x1A4, 0, 0, out INode? fifo));
        Assert.Equal(NodeKind.Fifo, fifo!.Kind);
        var entries = new List<DirectoryEntry>();
        fs.Root.ReadDirectory(entries);
        Assert.Equal(3, entries.Count);
        Assert.Equal(name, entries[2].Name);
        Assert.Equal(FsError.NameTooLong, fs.Root.Create(new byte[256].AsSpan().ToArray().Select(_ => (byte)'n').ToArray(), NodeKind.RegularFile, 0, 0, 0, out _));
        Assert.Equal(FsError.Success, fs.Root.Create(Enumerable.Repeat((byte)'n', 255).ToArray(), NodeKind.RegularFile, 0, 0, 0, out _));
    }

    [Fact]
    public void ReadOnlyRefusesChanges()
    {
        TmpfsFileSystem fs = NewFileSystem();
        INode file = Create(fs.Root, "f");
        fs.IsReadOnly = true;
        Assert.Equal(FsError.ReadOnly, file.Write(0, "x"u8, out _));
        Assert.Equal(FsError.ReadOnly, fs.Root.Create("g"u8, NodeKind.RegularFile, 0, 0, 0, out _));
        Assert.Equal(FsError.ReadOnly, fs.Root.Unlink("f"u8));
        Assert.Equal(FsError.ReadOnly, file.SetAttributes(new AttributeChanges(Permissions: 0)));
    }

    [Fact]
    public void NodeLimitGivesNoSpace()
    {
        var fs = new TmpfsFileSystem(1 << 20, _clock, nodeLimit: 3);
        Create(fs.Root, "a");
        Create(fs.Root, "b");
        Assert.Equal(FsError.NoSpace, fs.Root.Create("c"u8, NodeKind.RegularFile, 0, 0, 0, out _));
        Assert.Equal(FsError.Success, fs.GetStatistics(out FileSystemStatistics statistics));
        Assert.Equal(0, statistics.FreeNodes);
    }
}
