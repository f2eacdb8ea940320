namespace Sharprun.Vfs.Tests.Support;

/// <summary>
/// A directory tree with one inotify instance, driven by syscall-shaped calls: the host's (Linux) or the VFS's, so
/// one scenario can run on both. Paths are relative to the tree's root; results are 0 (or a descriptor) or -errno.
/// </summary>
internal interface IWatchedTree : IDisposable
{
    int AddWatch(string path, uint mask);

    int RemoveWatch(int descriptor);

    int Open(string path, int flags, uint permissions = 0x1A4);

    int Write(int file, string text);

    int Read(int file);

    int Close(int file);

    int MakeDirectory(string path);

    int RemoveDirectory(string path);

    int Unlink(string path);

    int Rename(string from, string to);

    int Link(string existing, string name);

    int SymbolicLink(string target, string name);

    int ChangeMode(string path, uint mode);

    int Truncate(string path, long length);

    /// <summary>The events queued since the last call, decoded by <see cref="WatchEventText"/>.</summary>
    IReadOnlyList<string> TakeEvents();
}
