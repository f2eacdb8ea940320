using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Tests.Support;
using Sharprun.Vfs.Tmpfs;

namespace Sharprun.Vfs.Tests;

public sealed class PathResolutionTests
{
    private readonly TestTree _tree = new();

    private FsError SymbolicLink(string target, string link) => _tree.Vfs.SymbolicLink(TestTree.Bytes(target), TestTree.Bytes(link));

    [Fact]
    public void EmptyPathIsNotFoundAndSlashesCollapse()
    {
        _tree.MakeDirectory("/a");
        _tree.WriteFile("/a/f", "x");
        Assert.Equal(FsError.NotFound, _tree.Stat(""));
        Assert.Equal(FsError.Success, _tree.Stat("//a///f"));
        Assert.Equal(FsError.Success, _tree.Stat("/a/./f"));
        Assert.Equal(FsError.Success, _tree.Stat("/../../a/../a/f"));
        Assert.Equal(FsError.Success, _tree.Stat("///"));
    }

    [Fact]
    public void TrailingSlashNeedsADirectory()
    {
        _tree.WriteFile("/f", "x");
        _tree.MakeDirectory("/d");
        Assert.Equal(FsError.NotADirectory, _tree.Stat("/f/"));
        Assert.Equal(FsError.NotADirectory, _tree.Stat("/f/."));
        Assert.Equal(FsError.NotADirectory, _tree.Stat("/f/x"));
        Assert.Equal(FsError.Success, _tree.Stat("/d/"));
        Assert.Equal(FsError.NotADirectory, _tree.Vfs.Unlink("/f/"u8));
        Assert.Equal(FsError.IsADirectory, _tree.Vfs.Unlink("/d/"u8));
        Assert.Equal(FsError.Success, SymbolicLink("/d", "/ld"));
        Assert.Equal(FsError.Success, _tree.Vfs.LStat("/ld/"u8, out NodeAttributes followed));
        Assert.Equal(NodeKind.Directory, followed.Kind);
        Assert.Equal(FsError.Success, _tree.Vfs.LStat("/ld"u8, out NodeAttributes link));
        Assert.Equal(NodeKind.SymbolicLink, link.Kind);
    }

    [Fact]
    public void SymbolicLinksFollowedInTheMiddleAndRelativeToTheirDirectory()
    {
        _tree.MakeDirectory("/a");
        _tree.MakeDirectory("/a/b");
        _tree.WriteFile("/a/b/f", "hello");
        Assert.Equal(FsError.Success, SymbolicLink("b", "/a/lb"));
        Assert.Equal(FsError.Success, SymbolicLink("../a/lb/f", "/a/lf"));
        Assert.Equal("hello", _tree.ReadFile("/a/lb/f"));
        Assert.Equal("hello", _tree.ReadFile("/a/lf"));
        Assert.Equal(FsError.Success, _tree.Vfs.ReadLink("/a/lf"u8, out byte[] target));
        Assert.Equal("../a/lb/f"u8.ToArray(), target);
        Assert.Equal(FsError.InvalidArgument, _tree.Vfs.ReadLink("/a/b/f"u8, out _));
        Assert.Equal(FsError.Loop, _tree.Vfs.Open("/a/lf"u8, OpenFlags.ReadOnly | OpenFlags.NoFollow, 0, out _));
    }

    [Fact]
    public void LoopsAndTheFortyLinkLimit()
    {
        SymbolicLink("/loop2", "/loop1");
        SymbolicLink("/loop1", "/loop2");
        Assert.Equal(FsError.Loop, _tree.Stat("/loop1"));
        Assert.Equal(FsError.Success, _tree.Vfs.LStat("/loop1"u8, out _));
        Assert.Equal(FsError.Loop, _tree.Stat("/loop1/x"));

        _tree.WriteFile("/target", "t");
        SymbolicLink("/target", "/l0");
        for (int i = 1; i <= 40; i++)
            SymbolicLink($"/l{i - 1}", $"/l{i}");
        Assert.Equal(FsError.Success, _tree.Stat("/l39"));
        Assert.Equal(FsError.Loop, _tree.Stat("/l40"));
    }

    [Fact]
    public void DanglingLinks()
    {
        SymbolicLink("/nowhere", "/dangling");
        Assert.Equal(FsError.NotFound, _tree.Stat("/dangling"));
        Assert.Equal(FsError.Exists, _tree.Vfs.MakeDirectory("/dangling"u8, 0x1ED));
        OpenFile created = _tree.Open("/dangling", OpenFlags.WriteOnly | OpenFlags.Create);
        created.Close();
        Assert.Equal(FsError.Success, _tree.Stat("/nowhere"));
        Assert.Equal(FsError.Exists, _tree.Vfs.Open("/dangling"u8, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, 0x1B6, out _));
    }

    [Fact]
    public void LongNamesAndPaths()
    {
        string name255 = new('n', 255);
        _tree.MakeDirectory("/" + name255);
        Assert.Equal(FsError.NameTooLong, _tree.Vfs.MakeDirectory(TestTree.Bytes("/" + new string('n', 256)), 0x1ED));
        Assert.Equal(FsError.NameTooLong, _tree.Stat("/" + new string('m', 256) + "/x"));
        string deep = string.Concat(Enumerable.Repeat("/" + name255, 15));
        Assert.True(deep.Length < 4096);
        Assert.Equal(FsError.NotFound, _tree.Stat(deep));
        string tooLong = "/" + string.Concat(Enumerable.Repeat("./", 2048));
        Assert.True(tooLong.Length >= 4096);
        Assert.Equal(FsError.NameTooLong, _tree.Stat(tooLong));
        Assert.Equal(FsError.Success, _tree.Stat(tooLong[..4095]));
    }

    [Fact]
    public void RelativePathsStartAtTheWorkingDirectory()
    {
        _tree.MakeDirectory("/w");
        _tree.MakeDirectory("/w/x");
        Assert.Equal(FsError.Success, _tree.Vfs.ChangeDirectory("/w/x"u8));
        _tree.WriteFile("here", "1");
        Assert.Equal("1", _tree.ReadFile("/w/x/here"));
        Assert.Equal(FsError.Success, _tree.Vfs.GetWorkingDirectory(out string cwd));
        Assert.Equal("/w/x", cwd);
        Assert.Equal(FsError.Success, _tree.Vfs.Rename("/w"u8, "/v"u8));
        Assert.Equal(FsError.Success, _tree.Vfs.GetWorkingDirectory(out cwd));
        Assert.Equal("/v/x", cwd);
        Assert.Equal(FsError.Success, _tree.Stat("../../../v"));
        Assert.Equal(FsError.NotADirectory, _tree.Vfs.ChangeDirectory("here"u8));
        _tree.Vfs.Unlink("here"u8);
        Assert.Equal(FsError.Success, _tree.Vfs.RemoveDirectory("/v/x"u8));
        Assert.Equal(FsError.NotFound, _tree.Vfs.GetWorkingDirectory(out _));
        Assert.Equal(FsError.NotFound, _tree.Vfs.Open("new"u8, OpenFlags.WriteOnly | OpenFlags.Create, 0x1B6, out _));
    }

    [Fact]
    public void MountsAreCrossedBothWays()
    {
        _tree.MakeDirectory("/mnt");
        _tree.WriteFile("/mnt/hidden", "covered");
        var inner = new TmpfsFileSystem(1 << 20, _tree.Clock);
        Assert.Equal(FsError.Success, _tree.Vfs.Mount("/mnt"u8, inner));
        Assert.Equal(FsError.NotFound, _tree.Stat("/mnt/hidden"));
        _tree.MakeDirectory("/mnt/sub");
        _tree.WriteFile("/top", "top");
        Assert.Equal("top", _tree.ReadFile("/mnt/sub/../../top"));
        Assert.Equal("top", _tree.ReadFile("/mnt/../top"));
        Assert.Equal(FsError.Success, _tree.Vfs.MountedFileSystemOf("/mnt/sub"u8, out IFileSystem? fs));
        Assert.Same(inner, fs);
        Assert.Equal(FsError.Success, _tree.Vfs.ChangeDirectory("/mnt/sub"u8));
        Assert.Equal(FsError.Success, _tree.Vfs.GetWorkingDirectory(out string cwd));
        Assert.Equal("/mnt/sub", cwd);
        Assert.Equal(FsError.Busy, _tree.Vfs.Unmount("/mnt"u8));
        Assert.Equal(FsError.Success, _tree.Vfs.ChangeDirectory("/"u8));
        Assert.Equal(FsError.Busy, _tree.Vfs.RemoveDirectory("/mnt"u8));
        Assert.Equal(FsError.Busy, _tree.Vfs.Rename("/mnt"u8, "/mnt2"u8));
        Assert.Equal(FsError.CrossDevice, _tree.Vfs.Rename("/top"u8, "/mnt/top"u8));
        Assert.Equal(FsError.CrossDevice, _tree.Vfs.Link("/top"u8, "/mnt/top"u8));

        OpenFile open = _tree.Open("/mnt/sub", OpenFlags.ReadOnly);
        Assert.Equal(FsError.Busy, _tree.Vfs.Unmount("/mnt"u8));
        open.Close();

        var nested = new TmpfsFileSystem(1 << 20, _tree.Clock);
        Assert.Equal(FsError.Success, _tree.Vfs.Mount("/mnt/sub"u8, nested));
        Assert.Equal(FsError.Busy, _tree.Vfs.Unmount("/mnt"u8));
        Assert.Equal(FsError.InvalidArgument, _tree.Vfs.Unmount("/top"u8));
        Assert.Equal(FsError.Success, _tree.Vfs.Unmount("/mnt/sub"u8));
        Assert.Equal(FsError.Success, _tree.Vfs.Unmount("/mnt"u8));
        Assert.Equal("covered", _tree.ReadFile("/mnt/hidden"));
    }
}
