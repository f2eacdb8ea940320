using System.Runtime.InteropServices;
using Sharprun.EmptyRoot.Pal.Exports;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>Until the VFS exists the file system is an empty, read-only root.</summary>
[Collection(PalTestCollection.Name)]
public sealed unsafe class PalFileSystemTests
{
    private const int ReadOnly = 0x0000;
    private const int WriteOnlyCreateTruncate = 0x0001 | 0x0020 | 0x0080;

    [Fact]
    public void OpeningFindsNothing()
    {
        fixed (byte* path = "/etc/hosts\0"u8)
        {
            AssertFails(LinuxErrno.ENOENT, PalFileSystem.Open(path, ReadOnly, 0));
        }
    }

    [Fact]
    public void CreatingIsRefusedAsReadOnly()
    {
        fixed (byte* path = "/out.txt\0"u8)
        {
            AssertFails(LinuxErrno.EROFS, PalFileSystem.Open(path, WriteOnlyCreateTruncate, 0x1B6));
        }
    }

    [Fact]
    public void LookupsFindNothing()
    {
        FileStatus status;
        fixed (byte* path = "/app\0"u8)
        {
            AssertFails(LinuxErrno.ENOENT, PalFileSystem.Stat(path, &status));
            AssertFails(LinuxErrno.ENOENT, PalFileSystem.LStat(path, &status));
            AssertFails(LinuxErrno.ENOENT, PalFileSystem.Unlink(path));
            AssertFails(LinuxErrno.EFAULT, PalFileSystem.Stat(path, null));
        }

        AssertFails(LinuxErrno.EFAULT, PalFileSystem.Open(null, ReadOnly, 0));
        AssertFails(LinuxErrno.EFAULT, PalFileSystem.Stat(null, &status));
        AssertFails(LinuxErrno.EFAULT, PalFileSystem.Unlink(null));
    }

    [Fact]
    public void WorkingDirectoryIsTheRoot()
    {
        byte* buffer = stackalloc byte[8];
        Assert.True(PalFileSystem.GetCwd(buffer, 8) == buffer);
        Assert.Equal("/", Marshal.PtrToStringUTF8((nint)buffer));
        Assert.True(PalFileSystem.GetCwd(buffer, 2) == buffer);
    }

    [Fact]
    public void WorkingDirectoryNeedsRoom()
    {
        byte* buffer = stackalloc byte[8];
        Assert.True(PalFileSystem.GetCwd(buffer, 1) == null);
        Assert.Equal((int)LinuxErrno.ERANGE, PalErrors.GetErrNo());
        Assert.True(PalFileSystem.GetCwd(buffer, 0) == null);
        Assert.Equal((int)LinuxErrno.EINVAL, PalErrors.GetErrNo());
        Assert.True(PalFileSystem.GetCwd(null, 8) == null);
        Assert.Equal((int)LinuxErrno.EFAULT, PalErrors.GetErrNo());
    }

    private static void AssertFails(LinuxErrno expected, long result)
    {
        Assert.Equal(-1, result);
        Assert.Equal((int)expected, PalErrors.GetErrNo());
    }
}
