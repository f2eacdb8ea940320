using System.Runtime.InteropServices;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

[Collection(PalTestCollection.Name)]
public sealed unsafe class PalProcessTests
{
    [Fact]
    public void SystemConfiguration()
    {
        Assert.Equal(100, PalProcess.SysConf(1));
        Assert.Equal(4096, PalProcess.SysConf(2));
        Assert.Equal(-1, PalProcess.SysConf(3));
        Assert.Equal((int)LinuxErrno.EINVAL, PalErrors.GetErrNo());
    }

    [Fact]
    public void TheUserIsRoot()
    {
        Assert.Equal(0u, PalProcess.GetEUid());
        PasswordEntry entry;
        byte* buffer = stackalloc byte[64];
        Assert.Equal(0, PalProcess.GetPwUidR(0, &entry, buffer, 64));
        Assert.Equal("root", Marshal.PtrToStringUTF8((nint)entry.Name));
        Assert.Equal("/", Marshal.PtrToStringUTF8((nint)entry.HomeDirectory));
        Assert.Equal(0u, entry.UserId);
        Assert.Equal(0u, entry.GroupId);
        Assert.True(entry.Shell >= buffer && entry.Shell < buffer + 64);
    }

    [Fact]
    public void SmallBufferGivesErange()
    {
        PasswordEntry entry = default;
        byte* buffer = stackalloc byte[8];
        Assert.Equal((int)LinuxErrno.ERANGE, PalProcess.GetPwUidR(0, &entry, buffer, 8));
        Assert.True(entry.Name == null);
        Assert.Equal((int)LinuxErrno.ERANGE, PalProcess.GetPwUidR(0, &entry, buffer, 0));
    }

    [Fact]
    public void OtherUsersDoNotExist()
    {
        PasswordEntry entry;
        byte* buffer = stackalloc byte[64];
        Assert.Equal(-1, PalProcess.GetPwUidR(1000, &entry, buffer, 64));
    }

    [Fact]
    public void BadPasswordArgumentsGiveEinval()
    {
        PasswordEntry entry;
        byte* buffer = stackalloc byte[64];
        Assert.Equal((int)LinuxErrno.EINVAL, PalProcess.GetPwUidR(0, null, buffer, 64));
        Assert.Equal((int)LinuxErrno.EINVAL, PalProcess.GetPwUidR(0, &entry, buffer, -1));
        Assert.Equal((int)LinuxErrno.EINVAL, PalProcess.GetPwUidR(0, &entry, null, 64));
    }
}
