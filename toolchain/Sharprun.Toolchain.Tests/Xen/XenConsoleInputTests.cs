using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.Toolchain.Tests.Xen;

public class XenConsoleInputTests
{
    [Fact]
    public async Task SendsSevenBitLinesOnlyAsDom0GrantsThem()
    {
        var bytes = Encoding.UTF8.GetBytes("ünï\u0001\u0001\u0001" + new string('x', 100));
        var input = new XenConsoleInput();
        var serial = new MemoryStream();
        var forwarding = input.ForwardAsync(new MemoryStream(bytes), serial, CancellationToken.None);
        await Task.Delay(50);
        Assert.Equal(0, serial.Length);

        for (int i = 0; i < 3; i++)
            input.Grant();
        await forwarding.WaitAsync(TimeSpan.FromSeconds(10));

        var lines = Encoding.ASCII.GetString(serial.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(serial.ToArray(), b => Assert.True(b is >= 0x20 and < 0x7F or (byte)'\n'));
        Assert.All(lines, l => Assert.True(l.Length + 1 < 128));
        var decoded = lines.Select(Convert.FromBase64String).ToArray();
        Assert.Equal(bytes, decoded[0].Concat(decoded[1]));
        Assert.Equal([0x04], decoded[2]);
    }
}
