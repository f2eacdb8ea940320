using System;
using System.Runtime;
using Sharprun.Kernel.Pal;

namespace Sharprun.EmptyRoot.Pal.Exports;

/// <summary>
/// The path-based calls of pal_io.h and the working directory in an image without the VFS (Sharprun.Vfs.Pal, linked
/// when the application uses file APIs): the file system is a read-only root holding only an empty /etc, so every
/// other lookup fails with ENOENT and every attempt to create a file with EROFS. /etc is there because the framework
/// tells a missing file from a missing directory: NetworkInterface reads /etc/resolv.conf and accepts
/// FileNotFoundException, not DirectoryNotFoundException.
/// </summary>
public static unsafe class PalFileSystem
{
    private const int OpenCreate = 0x0020;

    [RuntimeExport("SystemNative_Open")]
    public static nint Open(byte* path, int flags, int mode)
    {
        if (path == null)
        {
            return PalErrors.Fail(LinuxErrno.EFAULT);
        }

        return PalErrors.Fail((flags & OpenCreate) != 0 ? LinuxErrno.EROFS : LinuxErrno.ENOENT);
    }

    [RuntimeExport("SystemNative_Stat")]
    public static int Stat(byte* path, FileStatus* output) => LookUp(path, output);

    [RuntimeExport("SystemNative_LStat")]
    public static int LStat(byte* path, FileStatus* output) => LookUp(path, output);

    [RuntimeExport("SystemNative_Unlink")]
    public static int Unlink(byte* path) =>
        PalErrors.Fail(path == null ? LinuxErrno.EFAULT : LinuxErrno.ENOENT);

    /// <summary>Linux file systems have no "hidden" flag (a leading dot is what hides a file), as on Linux.</summary>
    [RuntimeExport("SystemNative_CanGetHiddenFlag")]
    public static int CanGetHiddenFlag() => 0;

    [RuntimeExport("SystemNative_LChflagsCanSetHiddenFlag")]
    public static int LChflagsCanSetHiddenFlag() => 0;

    /// <summary>The working directory is always the root: there is nothing else to change to.</summary>
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

        ReadOnlySpan<byte> root = "/"u8;
        if (root.Length >= bufferLength)
        {
            PalErrors.SetError(LinuxErrno.ERANGE);
            return null;
        }

        CString.CopyTerminated(root, buffer, bufferLength);
        return buffer;
    }

    private static int LookUp(byte* path, FileStatus* output)
    {
        if (path == null || output == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        var whole = new ReadOnlySpan<byte>(path, CString.Length(path));
        var name = whole.TrimEnd((byte)'/');
        if (whole.IsEmpty || whole[0] != (byte)'/' || !name.IsEmpty && !name.SequenceEqual("/etc"u8))
            return PalErrors.Fail(LinuxErrno.ENOENT);
        *output = default;
        output->Mode = FileStatus.TypeDirectory | 0x1ED; // drwxr-xr-x
        output->Ino = name.IsEmpty ? 2 : 3;
        return 0;
    }
}
