using System.Runtime.InteropServices;

namespace Sharprun.Vfs.Tests.Support;

/// <summary>The host's side of <see cref="IWatchedTree"/>: Linux's own syscalls and inotify under a temporary directory.</summary>
internal sealed class HostWatchedTree : IWatchedTree
{
    private const int NonBlocking = 0x800;

    private readonly string _root = Directory.CreateTempSubdirectory("sharprun-watch-").FullName;
    private readonly int _instance;
    private readonly WatchEventText _text = new();

    public HostWatchedTree()
    {
        _instance = inotify_init1(NonBlocking);
        Assert.True(_instance >= 0, "inotify_init1 on the host");
    }

    public void Dispose()
    {
        close(_instance);
        Directory.Delete(_root, recursive: true);
    }

    public int AddWatch(string path, uint mask) => Result(inotify_add_watch(_instance, Path(path), mask));

    public int RemoveWatch(int descriptor) => Result(inotify_rm_watch(_instance, descriptor));

    public int Open(string path, int flags, uint permissions = 0x1A4) => Result(open(Path(path), flags, permissions));

    public int Write(int file, string text)
    {
        byte[] bytes = TestTree.Bytes(text);
        return Math.Min(0, Result((int)write(file, bytes, bytes.Length)));
    }

    public int Read(int file) => Math.Min(0, Result((int)read(file, new byte[4096], 4096)));

    public int Close(int file) => Result(close(file));

    public int MakeDirectory(string path) => Result(mkdir(Path(path), 0x1ED));

    public int RemoveDirectory(string path) => Result(rmdir(Path(path)));

    public int Unlink(string path) => Result(unlink(Path(path)));

    public int Rename(string from, string to) => Result(rename(Path(from), Path(to)));

    public int Link(string existing, string name) => Result(link(Path(existing), Path(name)));

    public int SymbolicLink(string target, string name) => Result(symlink(target, Path(name)));

    public int ChangeMode(string path, uint mode) => Result(chmod(Path(path), mode));

    public int Truncate(string path, long length) => Result(truncate(Path(path), length));

    public IReadOnlyList<string> TakeEvents()
    {
        var events = new List<string>();
        var buffer = new byte[65536];
        int got;
        while ((got = (int)read(_instance, buffer, buffer.Length)) > 0)
            _text.Decode(buffer.AsSpan(0, got), events);
        return events;
    }

    private string Path(string path) => path.Length == 0 ? _root : System.IO.Path.Combine(_root, path);

    /// <summary>Successes as they are (0 or a descriptor), failures as -errno.</summary>
    private static int Result(int result) => result >= 0 ? result : -Marshal.GetLastPInvokeError();

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_init1(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_add_watch(int fd, string path, uint mask);

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_rm_watch(int fd, int wd);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir(string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int rmdir(string path);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlink(string path);

    [DllImport("libc", SetLastError = true)]
    private static extern int rename(string from, string to);

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string existing, string name);

    [DllImport("libc", SetLastError = true)]
    private static extern int symlink(string target, string name);

    [DllImport("libc", SetLastError = true)]
    private static extern int chmod(string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int truncate(string path, long length);
}
