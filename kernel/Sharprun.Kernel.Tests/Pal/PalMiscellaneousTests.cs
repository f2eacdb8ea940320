using System.Runtime.InteropServices;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

[Collection(PalTestCollection.Name)]
public sealed unsafe class PalMiscellaneousTests
{
    [Fact]
    public void LibrariesCannotBeLoaded()
    {
        fixed (byte* name = "/app/libz.so\0"u8)
        {
            Assert.True(PalDynamicLoading.LoadLibrary(name) == null);
        }

        // glibc's dlerror for a file that is not there, so DllNotFoundException reads as on Linux.
        Assert.Equal("/app/libz.so: cannot open shared object file: No such file or directory",
            Marshal.PtrToStringUTF8((nint)PalDynamicLoading.GetLoadLibraryError()));
        fixed (byte* name = "kernel32.dll\0"u8)
        {
            Assert.True(PalDynamicLoading.LoadLibrary(name) == null);
        }

        Assert.Equal("kernel32.dll: cannot open shared object file: No such file or directory",
            Marshal.PtrToStringUTF8((nint)PalDynamicLoading.GetLoadLibraryError()));
        Assert.True(PalDynamicLoading.GetProcAddress(null, null) == null);
    }

    [Fact]
    public void EnvironmentLookupsOfMissingNamesGiveNull()
    {
        fixed (byte* name = "PATH\0"u8)
        {
            Assert.True(PalEnvironment.GetEnv(name) == null);
        }

        Assert.True(PalEnvironment.GetEnv(null) == null);
    }

    [Fact]
    public void RandomBytesRejectBadBuffers()
    {
        Assert.Equal(-1, PalRandom.GetCryptographicallySecureRandomBytes(null, 4));
        Assert.Equal(-1, PalRandom.GetCryptographicallySecureRandomBytes(null, -1));
        Assert.Equal(0, PalRandom.GetCryptographicallySecureRandomBytes(null, 0));
        PalRandom.GetNonCryptographicallySecureRandomBytes(null, 4);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(1234, "1234")]
    [InlineData(-5, "-5")]
    [InlineData(int.MaxValue, "2147483647")]
    [InlineData(int.MinValue, "-2147483648")]
    public void DecimalFormatting(int value, string expected)
    {
        byte* buffer = stackalloc byte[CString.MaxDecimalLength];
        int length = CString.FormatDecimal(value, buffer);
        Assert.Equal(expected, Marshal.PtrToStringUTF8((nint)buffer, length));
    }

    [Fact]
    public void CopyTerminatedTruncates()
    {
        byte* buffer = stackalloc byte[4];
        Assert.True(CString.CopyTerminated("abc"u8, buffer, 4));
        Assert.Equal("abc", Marshal.PtrToStringUTF8((nint)buffer));
        Assert.False(CString.CopyTerminated("abcd"u8, buffer, 4));
        Assert.Equal("abc", Marshal.PtrToStringUTF8((nint)buffer));
        Assert.False(CString.CopyTerminated("abcd"u8, buffer, 0));
        Assert.Equal(3, CString.Length(buffer));
    }
}
