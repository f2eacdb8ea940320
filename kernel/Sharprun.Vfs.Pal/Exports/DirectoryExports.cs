using System.Runtime;
using System.Runtime.InteropServices;
using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Pal.Files;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Exports;

/// <summary>
/// opendir/readdir/closedir as pal_io.h exposes them (what FileSystemEnumerator walks). The DIR* handed out is a
/// GC handle of a <see cref="DirectoryStream"/>: native callers only pass it back.
/// </summary>
public static unsafe class DirectoryExports
{
    private const int EndOfDirectory = -1;

    [RuntimeExport("SystemNative_OpenDir")]
    public static nint OpenDir(byte* path)
    {
        if (path == null)
        {
            PalErrors.SetError(LinuxErrno.EFAULT);
            return 0;
        }

        FsError error = KernelFileSystem.Tree.Open(PathExports.Span(path), OpenFlags.ReadOnly | OpenFlags.Directory, 0, out OpenFile? directory);
        if (error != FsError.Success)
        {
            PalErrors.SetError(FileErrors.ToErrno(error));
            return 0;
        }

        return GCHandle.ToIntPtr(GCHandle.Alloc(DirectoryStream.Open(directory!)));
    }

    /// <summary>0 with the next entry, -1 at the end, or an errno value (not -1/errno) on failure.</summary>
    [RuntimeExport("SystemNative_ReadDir")]
    public static int ReadDir(nint directory, DirectoryEntryRecord* entry)
    {
        if (entry == null)
            return (int)LinuxErrno.EFAULT;
        if (StreamOf(directory) is not { } stream)
            return (int)LinuxErrno.EBADF;
        FsError error = stream.Next(out var found, out int nameLength);
        if (error != FsError.Success)
            return (int)FileErrors.ToErrno(error);
        if (found is not { } next)
            return EndOfDirectory;
        entry->Name = stream.Name;
        entry->NameLength = nameLength;
        entry->InodeType = NativeFileStatus.DirectoryEntryType(next.Kind);
        return 0;
    }

    [RuntimeExport("SystemNative_CloseDir")]
    public static int CloseDir(nint directory)
    {
        if (StreamOf(directory) is not { } stream)
            return PalErrors.Fail(LinuxErrno.EBADF);
        GCHandle.FromIntPtr(directory).Free();
        return FileErrors.Result(stream.Close());
    }

    private static DirectoryStream? StreamOf(nint directory) =>
        directory == 0 ? null : GCHandle.FromIntPtr(directory).Target as DirectoryStream;
}
