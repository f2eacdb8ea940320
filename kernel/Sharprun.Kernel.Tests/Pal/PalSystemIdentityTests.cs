using System.Runtime.InteropServices;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

[Collection(PalTestCollection.Name)]
public sealed unsafe class PalSystemIdentityTests
{
    private const int ENAMETOOLONG = 36;

    // GetUnixRelease's copy comes from the kernel heap, which needs the machine: the boot test covers it (OSVersion).
    [Fact]
    public void TheArchitectureIsX64() => Assert.Equal((int)Architecture.X64, PalSystemIdentity.GetOSArchitecture());

    [Fact]
    public void TheVersionIsSysnameReleaseAndVersion()
    {
        var buffer = new byte[1025];
        int capacity = buffer.Length;
        fixed (byte* version = buffer)
        {
            Assert.Equal(0, PalSystemIdentity.GetUnixVersion(version, &capacity));
            Assert.Equal("Sharprun 1.0.0 unikernel for .NET (x86_64)", Marshal.PtrToStringUTF8((nint)version));
        }
    }

    [Fact]
    public void ATooSmallVersionBufferIsToldTheSizeNeeded()
    {
        var buffer = new byte[8];
        int capacity = buffer.Length;
        fixed (byte* version = buffer)
        {
            Assert.Equal(-1, PalSystemIdentity.GetUnixVersion(version, &capacity));
            Assert.Equal("Sharprun 1.0.0 unikernel for .NET (x86_64)".Length + 1, capacity);
            Assert.All(buffer, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void TheHostNameIsSharprunAndNeverTruncatedSilently()
    {
        var buffer = new byte[256];
        fixed (byte* name = buffer)
        {
            Assert.Equal(0, PalSystemIdentity.GetHostName(name, buffer.Length));
            Assert.Equal("sharprun", Marshal.PtrToStringUTF8((nint)name));
            Assert.Equal(-1, PalSystemIdentity.GetHostName(name, 8));
            Assert.Equal(ENAMETOOLONG, PalErrors.GetErrNo());
        }
    }

    [Fact]
    public void TheOnlyProcessIsProcessOne() => Assert.Equal(1, PalProcess.GetPid());
}
