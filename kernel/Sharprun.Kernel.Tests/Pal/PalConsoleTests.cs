using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>The console is not a terminal, so System.Console treats it as redirected output.</summary>
[Collection(PalTestCollection.Name)]
public sealed unsafe class PalConsoleTests
{
    [Fact]
    public void NoDescriptorIsATerminal()
    {
        for (int fd = 0; fd < 3; fd++)
        {
            Assert.Equal(0, PalConsole.IsATty(fd));
            Assert.Equal((int)LinuxErrno.ENOTTY, PalErrors.GetErrNo());
        }

        Assert.Equal(0, PalConsole.IsATty(77));
        Assert.Equal((int)LinuxErrno.EBADF, PalErrors.GetErrNo());
    }

    [Fact]
    public void WindowSizeIsUnavailable()
    {
        WindowSize size;
        Assert.Equal(-1, PalConsole.GetWindowSize(1, &size));
        Assert.Equal((int)LinuxErrno.ENOTTY, PalErrors.GetErrNo());
        Assert.Equal(-1, PalConsole.GetWindowSize(1, null));
        Assert.Equal((int)LinuxErrno.EFAULT, PalErrors.GetErrNo());
        Assert.Equal(-1, PalConsole.GetWindowSize(77, &size));
        Assert.Equal((int)LinuxErrno.EBADF, PalErrors.GetErrNo());
    }

    [Fact]
    public void ControlCharactersAreAllDisabled()
    {
        int* names = stackalloc int[] { 0, 2, 4 };
        byte* values = stackalloc byte[] { 9, 9, 9 };
        byte disabled = 9;
        PalConsole.GetControlCharacters(names, values, 3, &disabled);
        Assert.Equal(0, disabled);
        Assert.Equal(0, values[0] | values[1] | values[2]);
        PalConsole.GetControlCharacters(null, null, -4, null);
    }

    [Fact]
    public void TerminalInitializationSucceeds() => Assert.Equal(1, PalConsole.InitializeTerminalAndSignalHandling());
}
