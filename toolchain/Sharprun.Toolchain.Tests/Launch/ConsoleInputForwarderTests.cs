using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public class ConsoleInputForwarderTests
{
    [Fact]
    public async Task TheInputGoesOverUnchangedThenEot()
    {
        var input = new MemoryStream([.. "line one\nzwei ü\n"u8, 0xFF, 0x00]);
        var guest = new MemoryStream();
        await ConsoleInputForwarder.ForwardAsync(input, guest, CancellationToken.None);
        Assert.Equal([.. "line one\nzwei ü\n"u8, 0xFF, 0x00, 0x04], guest.ToArray());
    }

    [Fact]
    public async Task EmptyInputIsJustTheEnd()
    {
        var guest = new MemoryStream();
        await ConsoleInputForwarder.ForwardAsync(new MemoryStream(), guest, CancellationToken.None);
        Assert.Equal([ConsoleInputForwarder.EndOfTransmission], guest.ToArray());
    }

    [Fact]
    public async Task InputLargerThanOneReadArrivesWhole()
    {
        var data = new byte[100_000];
        new System.Random(3).NextBytes(data);
        var guest = new MemoryStream();
        await ConsoleInputForwarder.ForwardAsync(new MemoryStream(data), guest, CancellationToken.None);
        Assert.Equal([.. data, 0x04], guest.ToArray());
    }
}
