using System;
using System.Runtime.InteropServices;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

[Collection(PalTestCollection.Name)]
public sealed unsafe class PalErrorsTests
{
    [Fact]
    public void PalErrorValuesAreCoreLibs()
    {
        Type coreLibError = typeof(object).Assembly.GetType("Interop+Error", throwOnError: true)!;
        foreach (string name in Enum.GetNames(coreLibError))
        {
            Assert.True(Enum.TryParse(name, out PalError ours), $"PalError lacks {name}");
            Assert.Equal(Convert.ToInt32(Enum.Parse(coreLibError, name)), (int)ours);
        }
    }

    [Fact]
    public void PlatformToPalMatchesLibSystemNative()
    {
        for (int errno = -300; errno <= 300; errno++)
        {
            Assert.Equal(HostSystemNative.ConvertErrorPlatformToPal(errno), PalErrors.ConvertErrorPlatformToPal(errno));
        }

        Assert.Equal((int)PalError.ENONSTANDARD, PalErrors.ConvertErrorPlatformToPal(int.MinValue));
    }

    [Fact]
    public void PalToPlatformMatchesLibSystemNative()
    {
        foreach (PalError error in Enum.GetValues<PalError>())
        {
            Assert.Equal(HostSystemNative.ConvertErrorPalToPlatform((int)error), PalErrors.ConvertErrorPalToPlatform((int)error));
        }

        Assert.Equal(-1, PalErrors.ConvertErrorPalToPlatform(0x12345));
        Assert.Equal(-1, PalErrors.ConvertErrorPalToPlatform(-7));
    }

    [Fact]
    public void EveryLinuxErrnoRoundTrips()
    {
        foreach (LinuxErrno errno in Enum.GetValues<LinuxErrno>())
        {
            int pal = PalErrors.ConvertErrorPlatformToPal((int)errno);
            Assert.NotEqual((int)PalError.ENONSTANDARD, pal);
            Assert.Equal((int)errno, PalErrors.ConvertErrorPalToPlatform(pal));
        }
    }

    [Fact]
    public void MessagesMatchLibSystemNative()
    {
        foreach (LinuxErrno errno in Enum.GetValues<LinuxErrno>())
        {
            Assert.Equal(HostMessage((int)errno), KernelMessage((int)errno));
        }

        foreach (int other in new[] { 0, 1000, -3, int.MinValue, int.MaxValue, -(int)PalError.EHOSTNOTFOUND, -(int)PalError.ESOCKETERROR })
        {
            Assert.Equal(HostMessage(other), KernelMessage(other));
        }
    }

    [Fact]
    public void TruncatedMessageIsTerminatedAndReportedAsNull()
    {
        byte* buffer = stackalloc byte[5];
        Assert.True(PalErrors.StrErrorR((int)LinuxErrno.ENOENT, buffer, 5) == null);
        Assert.Equal("No s", Marshal.PtrToStringUTF8((nint)buffer));
    }

    [Fact]
    public void UnusableBufferGivesNull()
    {
        byte* buffer = stackalloc byte[8];
        Assert.True(PalErrors.StrErrorR((int)LinuxErrno.ENOENT, null, 8) == null);
        Assert.True(PalErrors.StrErrorR((int)LinuxErrno.ENOENT, buffer, 0) == null);
        Assert.True(PalErrors.StrErrorR((int)LinuxErrno.ENOENT, buffer, -1) == null);
    }

    [Fact]
    public void ErrnoKeepsWhatWasSet()
    {
        PalErrors.SetErrNo(1234);
        Assert.Equal(1234, PalErrors.GetErrNo());
        PalErrors.SetErrNo(0);
        Assert.Equal(0, PalErrors.GetErrNo());
    }

    private static string KernelMessage(int errno)
    {
        byte* buffer = stackalloc byte[1024];
        byte* message = PalErrors.StrErrorR(errno, buffer, 1024);
        Assert.True(message == buffer);
        return Marshal.PtrToStringUTF8((nint)message)!;
    }

    private static string HostMessage(int errno)
    {
        byte* buffer = stackalloc byte[1024];
        return Marshal.PtrToStringUTF8((nint)HostSystemNative.StrErrorR(errno, buffer, 1024))!;
    }
}
