using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Locks;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Pal.Files;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Exports;

/// <summary>
/// The descriptor calls of pal_io.h that files give meaning to (the kernel's own Read, Write, Close, Dup and Poll
/// reach files through <see cref="VfsFileDescription"/>). Console streams and sockets get the answers Linux gives for
/// a pipe, as in an image without files.
/// </summary>
public static unsafe class FileExports
{
    private const uint PermissionBits = 0xFFF;
    private const int CopyChunk = 64 * 1024;
    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockUnlock = 8;

    /// <summary>IOV_MAX.</summary>
    private const int MaximumVectors = 1024;

    /// <summary>MAX_RW_COUNT: the most one read or write moves on Linux (INT_MAX rounded down to a page).</summary>
    private const long MaximumTransfer = 0x7FFF_F000;

    [RuntimeExport("SystemNative_PRead")]
    public static int PRead(nint fd, byte* buffer, int count, long fileOffset)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.ESPIPE, out VfsFileDescription? file);
        if (found == LinuxErrno.EBADF)
            return PalErrors.Fail(found);
        if (count < 0 || fileOffset < 0)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        if (buffer == null && count > 0)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (found != 0)
            return PalErrors.Fail(found);
        LinuxErrno error = file!.ReadAt(new Span<byte>(buffer, count), fileOffset, out int read);
        return error == 0 ? read : PalErrors.Fail(error);
    }

    [RuntimeExport("SystemNative_LSeek")]
    public static long LSeek(nint fd, long offset, int whence)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.ESPIPE, out VfsFileDescription? file);
        if (found == LinuxErrno.EBADF)
            return PalErrors.Fail(found);
        if (whence is < Vfs.Files.OpenFlags.SeekSet or > Vfs.Files.OpenFlags.SeekEnd)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        if (found != 0)
            return PalErrors.Fail(found);
        LinuxErrno error = file!.Seek(offset, whence, out long position);
        return error == 0 ? position : PalErrors.Fail(error);
    }

    [RuntimeExport("SystemNative_FStat")]
    public static int FStat(nint fd, FileStatus* output)
    {
        DescriptorKind kind = DescriptorTable.Get(fd);
        if (kind == DescriptorKind.Closed)
            return PalErrors.Fail(LinuxErrno.EBADF);
        if (output == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (DescriptorTable.GetDescription(fd) is not VfsFileDescription file)
            return StreamStatus.Describe(fd, kind, output) ? 0 : PalErrors.Fail(LinuxErrno.EBADF);
        LinuxErrno error = file.Stat(out FileStatus status);
        if (error != 0)
            return PalErrors.Fail(error);
        *output = status;
        return 0;
    }

    /// <summary>flock(2): files through the VFS's flock table; on a stream every lock is granted at once (one process).</summary>
    [RuntimeExport("SystemNative_FLock")]
    public static int FLock(nint fd, int operation)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, 0, out VfsFileDescription? file);
        if (found != 0)
            return PalErrors.Fail(found);
        if ((operation & ~LockNonBlocking) is not (LockShared or LockExclusive or LockUnlock))
            return PalErrors.Fail(LinuxErrno.EINVAL);
        LinuxErrno error = file?.Lock(operation) ?? 0;
        return error == 0 ? 0 : PalErrors.Fail(error);
    }

    [RuntimeExport("SystemNative_FTruncate")]
    public static int FTruncate(nint fd, long length)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.EINVAL, out VfsFileDescription? file);
        return Result(found != 0 ? found : file!.Truncate(length));
    }

    [RuntimeExport("SystemNative_FAllocate")]
    public static int FAllocate(nint fd, long offset, long length)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.ESPIPE, out VfsFileDescription? file);
        if (found == LinuxErrno.EBADF)
            return PalErrors.Fail(found);
        if (offset < 0 || length <= 0)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        return Result(found != 0 ? found : file!.Allocate(offset, length));
    }

    /// <summary>Returns an errno value (0 on success), as posix_fadvise does; advice changes nothing in memory.</summary>
    [RuntimeExport("SystemNative_PosixFAdvise")]
    public static int PosixFAdvise(nint fd, long offset, long length, int advice) =>
        (int)VfsFileDescription.Find(fd, LinuxErrno.ESPIPE, out _);

    /// <summary>fstatfs(2)'s f_type: the file system's magic for a file, PIPEFS_MAGIC for a stream.</summary>
    [RuntimeExport("SystemNative_GetFileSystemType")]
    public static long GetFileSystemType(nint fd)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, 0, out VfsFileDescription? file);
        if (found != 0)
            return PalErrors.Fail(found);
        return file?.FileSystemType ?? FileStatus.PipeFileSystemType;
    }

    [RuntimeExport("SystemNative_PWrite")]
    public static int PWrite(nint fd, byte* buffer, int count, long fileOffset)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.ESPIPE, out VfsFileDescription? file);
        if (found == LinuxErrno.EBADF)
            return PalErrors.Fail(found);
        if (count < 0 || fileOffset < 0)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        if (buffer == null && count > 0)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (found != 0)
            return PalErrors.Fail(found);
        FsError error = file!.File.PWrite(new ReadOnlySpan<byte>(buffer, count), fileOffset, out int written);
        return error == FsError.Success ? written : FileErrors.Result(error);
    }

    /// <summary>fsync(2): tmpfs has nothing to write back; a stream answers EINVAL, as a pipe does.</summary>
    [RuntimeExport("SystemNative_FSync")]
    public static int FSync(nint fd)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.EINVAL, out VfsFileDescription? file);
        return found != 0 ? PalErrors.Fail(found) : FileErrors.Result(file!.File.Sync(dataOnly: false));
    }

    /// <summary>fchmod(2); on a stream it changes nothing and succeeds, as on a pipe's inode.</summary>
    [RuntimeExport("SystemNative_FChMod")]
    public static int FChMod(nint fd, int mode)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, 0, out VfsFileDescription? file);
        if (found != 0 || file == null)
            return found == 0 ? 0 : PalErrors.Fail(found);
        return FileErrors.Result(file.File.SetAttributes(new AttributeChanges(Permissions: (uint)mode & PermissionBits)));
    }

    /// <summary>futimens(2): access then modification time, null for both now; on a stream it succeeds like fchmod.</summary>
    [RuntimeExport("SystemNative_FUTimens")]
    public static int FUTimens(nint fd, TimeSpec* times)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, 0, out VfsFileDescription? file);
        if (found != 0)
            return PalErrors.Fail(found);
        if (!FileTimes.TryRead(times, out long? access, out long? modify))
            return PalErrors.Fail(LinuxErrno.EINVAL);
        return file == null ? 0 : FileErrors.Result(file.File.SetAttributes(new AttributeChanges(AccessTime: access, ModifyTime: modify)));
    }

    /// <summary>fcntl(F_SETLK) from the start of the file: PAL lock types are Linux's F_RDLCK, F_WRLCK, F_UNLCK; a conflict is EAGAIN.</summary>
    [RuntimeExport("SystemNative_LockFileRegion")]
    public static int LockFileRegion(nint fd, long offset, long length, short lockType)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.EINVAL, out VfsFileDescription? file);
        if (found != 0)
            return PalErrors.Fail(found);
        if (lockType is < (short)RegionLockType.Read or > (short)RegionLockType.Unlock)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        return FileErrors.Result(file!.File.SetRegionLock(VfsFileDescription.Process, (RegionLockType)lockType, Vfs.Files.OpenFlags.SeekSet, offset, length));
    }

    /// <summary>
    /// Copies the rest of <paramref name="sourceFd"/> (from its offset) to <paramref name="destinationFd"/>, then gives
    /// the copy the source's permissions and access and modification times, as libSystem.Native does for File.Copy.
    /// </summary>
    [RuntimeExport("SystemNative_CopyFile")]
    public static int CopyFile(nint sourceFd, nint destinationFd, long sourceLength)
    {
        LinuxErrno found = VfsFileDescription.Find(sourceFd, LinuxErrno.EINVAL, out VfsFileDescription? source);
        if (found == 0)
            found = VfsFileDescription.Find(destinationFd, LinuxErrno.EINVAL, out _);
        if (found != 0)
            return PalErrors.Fail(found);
        var destination = (VfsFileDescription)DescriptorTable.GetDescription(destinationFd)!;

        byte[] chunk = new byte[(int)Math.Clamp(sourceLength, 1, CopyChunk)];
        while (true)
        {
            FsError error = source!.File.Read(chunk, out int read);
            if (error != FsError.Success)
                return FileErrors.Result(error);
            if (read == 0)
                break;
            error = destination.File.Write(chunk.AsSpan(0, read), out _);
            if (error != FsError.Success)
                return FileErrors.Result(error);
        }

        FsError stat = source.File.Stat(out NodeAttributes attributes);
        if (stat != FsError.Success)
            return FileErrors.Result(stat);
        return FileErrors.Result(destination.File.SetAttributes(new AttributeChanges(
            Permissions: attributes.Permissions, AccessTime: attributes.AccessTime, ModifyTime: attributes.ModifyTime)));
    }

    /// <summary>preadv(2): the vectors filled in order from <paramref name="fileOffset"/> until one comes back short (the end of the file).</summary>
    [RuntimeExport("SystemNative_PReadV")]
    public static long PReadV(nint fd, IOVector* vectors, int vectorCount, long fileOffset) =>
        Vectored(fd, vectors, vectorCount, fileOffset, write: false);

    /// <summary>pwritev(2): the vectors written in order from <paramref name="fileOffset"/>; a short write ends it.</summary>
    [RuntimeExport("SystemNative_PWriteV")]
    public static long PWriteV(nint fd, IOVector* vectors, int vectorCount, long fileOffset) =>
        Vectored(fd, vectors, vectorCount, fileOffset, write: true);

    /// <summary>Linux has no file flags: libSystem.Native answers ENOTSUP there (after checking nothing).</summary>
    [RuntimeExport("SystemNative_FChflags")]
    public static int FChflags(nint fd, uint flags) => PalErrors.Fail(LinuxErrno.ENOTSUP);

    /// <summary>
    /// preadv/pwritev as one transfer under the tree's lock (so no other thread's I/O lands between the vectors): the
    /// first IOV_MAX vectors only, as libSystem.Native passes them (the caller sees a short transfer); EINVAL for a
    /// negative count or offset, EFAULT for a vector without memory, at most MAX_RW_COUNT bytes in all, as Linux caps
    /// it; the bytes moved, or -1 with errno when nothing was.
    /// </summary>
    private static long Vectored(nint fd, IOVector* vectors, int vectorCount, long fileOffset, bool write)
    {
        LinuxErrno found = VfsFileDescription.Find(fd, LinuxErrno.ESPIPE, out VfsFileDescription? file);
        if (found == LinuxErrno.EBADF)
            return PalErrors.Fail(found);
        if (vectorCount < 0 || fileOffset < 0)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        vectorCount = Math.Min(vectorCount, MaximumVectors);
        if (vectors == null && vectorCount > 0)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        nuint requested = 0;
        for (int i = 0; i < vectorCount; i++)
        {
            if (vectors[i].Base == null && vectors[i].Count > 0)
                return PalErrors.Fail(LinuxErrno.EFAULT);
            if (vectors[i].Count > long.MaxValue || (requested += vectors[i].Count) > long.MaxValue)
                return PalErrors.Fail(LinuxErrno.EINVAL);
        }
        if (found != 0)
            return PalErrors.Fail(found);

        lock (file!.Tree.Sync)
        {
            long total = 0;
            for (int i = 0; i < vectorCount && total < MaximumTransfer; i++)
            {
                int count = (int)Math.Min(vectors[i].Count, (nuint)(MaximumTransfer - total));
                int moved;
                FsError error = write
                    ? file.File.PWrite(new ReadOnlySpan<byte>(vectors[i].Base, count), fileOffset + total, out moved)
                    : file.File.PRead(new Span<byte>(vectors[i].Base, count), fileOffset + total, out moved);
                total += moved;
                if (error != FsError.Success)
                    return total > 0 ? total : FileErrors.Result(error);
                if (moved < count)
                    break;
            }
            return total;
        }
    }

    private static int Result(LinuxErrno error) => error == 0 ? 0 : PalErrors.Fail(error);
}
