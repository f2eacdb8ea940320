using Sharprun.Vfs.Files;
using Sharprun.Vfs.Watches;

namespace Sharprun.Vfs.Tests.Support;

/// <summary>The VFS side of <see cref="IWatchedTree"/>: a tmpfs tree rooted at /w, one watch instance.</summary>
internal sealed class VfsWatchedTree : IWatchedTree
{
    private readonly TestTree _tree = new();
    private readonly WatchInstance _instance;
    private readonly List<OpenFile?> _files = [];
    private readonly WatchEventText _text = new();

    public VfsWatchedTree()
    {
        _tree.MakeDirectory("/w");
        Assert.Equal(FsError.Success, Vfs.CreateWatchInstance(out WatchInstance? instance));
        _instance = instance!;
    }

    public VirtualFileSystem Vfs => _tree.Vfs;

    public WatchInstance Instance => _instance;

    public void Dispose() => _instance.Close();

    public int AddWatch(string path, uint mask)
    {
        FsError error = _instance.AddWatch(Path(path), mask, out int descriptor);
        return error == FsError.Success ? descriptor : -(int)error;
    }

    public int RemoveWatch(int descriptor) => Result(_instance.RemoveWatch(descriptor));

    public int Open(string path, int flags, uint permissions = 0x1A4)
    {
        FsError error = Vfs.Open(Path(path), flags, permissions, out OpenFile? file);
        if (error != FsError.Success)
            return -(int)error;
        _files.Add(file);
        return _files.Count - 1;
    }

    public int Write(int file, string text) => Result(_files[file]!.Write(TestTree.Bytes(text), out _));

    public int Read(int file) => Result(_files[file]!.Read(new byte[4096], out _));

    public int Close(int file)
    {
        FsError error = _files[file]!.Close();
        _files[file] = null;
        return Result(error);
    }

    public int MakeDirectory(string path) => Result(Vfs.MakeDirectory(Path(path), 0x1ED));

    public int RemoveDirectory(string path) => Result(Vfs.RemoveDirectory(Path(path)));

    public int Unlink(string path) => Result(Vfs.Unlink(Path(path)));

    public int Rename(string from, string to) => Result(Vfs.Rename(Path(from), Path(to)));

    public int Link(string existing, string name) => Result(Vfs.Link(Path(existing), Path(name)));

    public int SymbolicLink(string target, string name) => Result(Vfs.SymbolicLink(TestTree.Bytes(target), Path(name)));

    public int ChangeMode(string path, uint mode) => Result(Vfs.ChangeMode(Path(path), mode));

    public int Truncate(string path, long length) => Result(Vfs.Truncate(Path(path), length));

    public IReadOnlyList<string> TakeEvents()
    {
        var events = new List<string>();
        var buffer = new byte[65536];
        while (_instance.Read(buffer, out int read) == FsError.Success)
            _text.Decode(buffer.AsSpan(0, read), events);
        return events;
    }

    private static byte[] Path(string path) => TestTree.Bytes(path.Length == 0 ? "/w" : "/w/" + path);

    private static int Result(FsError error) => -(int)error;
}
