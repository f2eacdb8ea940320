using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Pal.Files;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Exports;

/// <summary>
/// The path-based calls of pal_io.h over the image's file tree: open, stat, the namespace changes, links, modes,
/// times, access and the working directory. Paths are NUL-terminated bytes, relative ones from the working directory.
/// </summary>
public static unsafe class PathExports
{
    private const uint PermissionBits = 0xFFF;
    private const uint FileTypeMask = 0xF000;
    private const uint FifoType = 0x1000;
    private const uint CharacterDeviceType = 0x2000;
    private const uint DirectoryType = 0x4000;
    private const uint BlockDeviceType = 0x6000;
    private const uint RegularType = 0x8000;
    private const uint SocketType = 0xC000;

    [RuntimeExport("SystemNative_Open")]
    public static nint Open(byte* path, int flags, int mode)
    {
        if (path == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (!PalOpenFlags.TryToLinux(flags, out int linuxFlags))
            return PalErrors.Fail(LinuxErrno.EINVAL);
        VirtualFileSystem tree = KernelFileSystem.Tree;
        FsError error = tree.Open(Span(path), linuxFlags, (uint)mode & PermissionBits, out OpenFile? file);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        return Install(tree, file!);
    }

    [RuntimeExport("SystemNative_Stat")]
    public static int Stat(byte* path, FileStatus* output) => StatOf(path, output, followSymbolicLinks: true);

    [RuntimeExport("SystemNative_LStat")]
    public static int LStat(byte* path, FileStatus* output) => StatOf(path, output, followSymbolicLinks: false);

    [RuntimeExport("SystemNative_Unlink")]
    public static int Unlink(byte* path) =>
        path == null ? PalErrors.Fail(LinuxErrno.EFAULT) : FileErrors.Result(KernelFileSystem.Tree.Unlink(Span(path)));

    [RuntimeExport("SystemNative_MkDir")]
    public static int MkDir(byte* path, int mode) =>
        path == null ? PalErrors.Fail(LinuxErrno.EFAULT) : FileErrors.Result(KernelFileSystem.Tree.MakeDirectory(Span(path), (uint)mode & PermissionBits));

    [RuntimeExport("SystemNative_RmDir")]
    public static int RmDir(byte* path) =>
        path == null ? PalErrors.Fail(LinuxErrno.EFAULT) : FileErrors.Result(KernelFileSystem.Tree.RemoveDirectory(Span(path)));

    [RuntimeExport("SystemNative_Rename")]
    public static int Rename(byte* oldPath, byte* newPath) =>
        oldPath == null || newPath == null
            ? PalErrors.Fail(LinuxErrno.EFAULT)
            : FileErrors.Result(KernelFileSystem.Tree.Rename(Span(oldPath), Span(newPath)));

    /// <summary>link(2): <paramref name="source"/> is the existing file, <paramref name="linkTarget"/> the new name.</summary>
    [RuntimeExport("SystemNative_Link")]
    public static int Link(byte* source, byte* linkTarget) =>
        source == null || linkTarget == null
            ? PalErrors.Fail(LinuxErrno.EFAULT)
            : FileErrors.Result(KernelFileSystem.Tree.Link(Span(source), Span(linkTarget)));

    [RuntimeExport("SystemNative_SymLink")]
    public static int SymLink(byte* target, byte* linkPath) =>
        target == null || linkPath == null
            ? PalErrors.Fail(LinuxErrno.EFAULT)
            : FileErrors.Result(KernelFileSystem.Tree.SymbolicLink(Span(target), Span(linkPath)));

    /// <summary>readlink(2): the bytes of the target copied (truncated to the buffer, not NUL-terminated); CoreLib retries with a larger buffer when it is full.</summary>
    [RuntimeExport("SystemNative_ReadLink")]
    public static int ReadLink(byte* path, byte* buffer, int bufferSize)
    {
        if (path == null || buffer == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (bufferSize <= 0)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        FsError error = KernelFileSystem.Tree.ReadLink(Span(path), out byte[] target);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        int copied = Math.Min(target.Length, bufferSize);
        target.AsSpan(0, copied).CopyTo(new Span<byte>(buffer, bufferSize));
        return copied;
    }

    [RuntimeExport("SystemNative_Access")]
    public static int Access(byte* path, int mode) =>
        path == null ? PalErrors.Fail(LinuxErrno.EFAULT) : FileErrors.Result(KernelFileSystem.Tree.Access(Span(path), mode));

    [RuntimeExport("SystemNative_ChMod")]
    public static int ChMod(byte* path, int mode) =>
        path == null ? PalErrors.Fail(LinuxErrno.EFAULT) : FileErrors.Result(KernelFileSystem.Tree.ChangeMode(Span(path), (uint)mode & PermissionBits));

    /// <summary>utimensat(AT_FDCWD, path, times, 0): access then modification time; null sets both to now.</summary>
    [RuntimeExport("SystemNative_UTimensat")]
    public static int UTimensat(byte* path, TimeSpec* times)
    {
        if (path == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (!FileTimes.TryRead(times, out long? access, out long? modify))
            return PalErrors.Fail(LinuxErrno.EINVAL);
        return FileErrors.Result(KernelFileSystem.Tree.SetTimes(Span(path), access, modify));
    }

    [RuntimeExport("SystemNative_ChDir")]
    public static int ChDir(byte* path) =>
        path == null ? PalErrors.Fail(LinuxErrno.EFAULT) : FileErrors.Result(KernelFileSystem.Tree.ChangeDirectory(Span(path)));

    /// <summary>getcwd(3): the buffer, or null with ERANGE when the path and its NUL do not fit (CoreLib then grows the buffer).</summary>
    [RuntimeExport("SystemNative_GetCwd")]
    public static byte* GetCwd(byte* buffer, int bufferLength)
    {
        if (buffer == null)
        {
            PalErrors.SetError(LinuxErrno.EFAULT);
            return null;
        }

        if (bufferLength <= 0)
        {
            PalErrors.SetError(LinuxErrno.EINVAL);
            return null;
        }

        FsError error = KernelFileSystem.Tree.GetWorkingDirectory(out string directory);
        if (error != FsError.Success)
        {
            PalErrors.SetError(FileErrors.ToErrno(error));
            return null;
        }

        if (!CString.CopyTerminated(Encoding.UTF8.GetBytes(directory), buffer, bufferLength))
        {
            PalErrors.SetError(LinuxErrno.ERANGE);
            return null;
        }

        return buffer;
    }

    /// <summary>realpath(3): a buffer from the native heap (CoreLib's marshaller frees it), or null with errno (EINVAL for no path, as glibc).</summary>
    [RuntimeExport("SystemNative_RealPath")]
    public static byte* RealPath(byte* path)
    {
        if (path == null)
        {
            PalErrors.SetError(LinuxErrno.EINVAL);
            return null;
        }

        FsError error = KernelFileSystem.Tree.RealPath(Span(path), out string resolved);
        if (error != FsError.Success)
        {
            PalErrors.SetError(FileErrors.ToErrno(error));
            return null;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(resolved);
        byte* result = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        CString.CopyTerminated(bytes, result, bytes.Length + 1);
        return result;
    }

    [RuntimeExport("SystemNative_PathConf")]
    public static long PathConf(byte* path, int name)
    {
        FileSystemStatistics statistics = default;
        if (path == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        VirtualFileSystem tree = KernelFileSystem.Tree;
        FsError error = tree.MountedFileSystemOf(Span(path), out IFileSystem? fileSystem);
        if (error == FsError.Success)
            error = tree.StatFs(Span(path), out statistics);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        LinuxErrno unknown = PathLimits.TryGet(name, fileSystem!, statistics, out long value);
        return unknown == 0 ? value : PalErrors.Fail(unknown);
    }

    /// <summary>
    /// mkfifo(3): EPERM, as Linux answers on a file system that cannot hold FIFOs — the faction has no pipe buffers, and
    /// a FIFO that opened but never passed data would be worse than none.
    /// </summary>
    [RuntimeExport("SystemNative_MkFifo")]
    public static int MkFifo(byte* pathName, uint mode) =>
        PalErrors.Fail(pathName == null ? LinuxErrno.EFAULT : LinuxErrno.EPERM);

    /// <summary>
    /// mknod(2) as tar extraction calls it: a regular file (no S_IFMT bits, or S_IFREG) is made; FIFOs, sockets and
    /// device nodes are EPERM, as on a file system that cannot hold them (no pipe buffers, no Unix sockets, no device
    /// numbers); a directory is EPERM and an unknown type EINVAL, as on Linux.
    /// </summary>
    [RuntimeExport("SystemNative_MkNod")]
    public static int MkNod(byte* pathName, uint mode, uint major, uint minor)
    {
        if (pathName == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        switch (mode & FileTypeMask)
        {
            case 0 or RegularType:
                return FileErrors.Result(KernelFileSystem.Tree.MakeNode(Span(pathName), NodeKind.RegularFile, mode & PermissionBits));
            case FifoType or CharacterDeviceType or DirectoryType or BlockDeviceType or SocketType:
                return PalErrors.Fail(LinuxErrno.EPERM);
            default:
                return PalErrors.Fail(LinuxErrno.EINVAL);
        }
    }

    /// <summary>Linux has no file flags: libSystem.Native answers ENOTSUP there, and CoreLib asks only after LChflagsCanSetHiddenFlag.</summary>
    [RuntimeExport("SystemNative_LChflags")]
    public static int LChflags(byte* path, uint flags) => PalErrors.Fail(LinuxErrno.ENOTSUP);

    /// <summary>Linux file systems have no "hidden" flag (a leading dot is what hides a file).</summary>
    [RuntimeExport("SystemNative_CanGetHiddenFlag")]
    public static int CanGetHiddenFlag() => 0;

    [RuntimeExport("SystemNative_LChflagsCanSetHiddenFlag")]
    public static int LChflagsCanSetHiddenFlag() => 0;

    /// <summary>A descriptor for a newly opened file; the file is closed again when the table is full.</summary>
    internal static nint Install(VirtualFileSystem tree, OpenFile file)
    {
        nint fd = DescriptorTable.Install(new VfsFileDescription(tree, file));
        if (fd >= 0)
            return fd;
        file.Close();
        return PalErrors.Fail(LinuxErrno.EMFILE);
    }

    internal static ReadOnlySpan<byte> Span(byte* path) => new(path, CString.Length(path));

    private static int StatOf(byte* path, FileStatus* output, bool followSymbolicLinks)
    {
        if (path == null || output == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        VirtualFileSystem tree = KernelFileSystem.Tree;
        FsError error = followSymbolicLinks
            ? tree.Stat(Span(path), out NodeAttributes attributes)
            : tree.LStat(Span(path), out attributes);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        *output = NativeFileStatus.From(attributes);
        return 0;
    }
}
