using System;
using System.Text;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.Toolchain.Tests.Xen;

public class XenConsoleFrameTests
{
    private static XenConsoleFrame? Parse(string record, out string? error) =>
        XenConsoleFrame.Parse(record.Split(' ', StringSplitOptions.RemoveEmptyEntries), out error);

    [Fact]
    public void ReadsNameOffsetAndBytes()
    {
        var frame = Parse("data guest-1 114 5 " + Convert.ToBase64String("\u001eohi\n"u8.ToArray()), out string? error);
        Assert.Null(error);
        Assert.Equal("guest-1", frame!.Value.Guest);
        Assert.Equal(114, frame.Value.Offset);
        Assert.Equal("\u001eohi\n", Encoding.UTF8.GetString(frame.Value.Data));
    }

    [Fact]
    public void TakesAFullLineOfBase64()
    {
        var bytes = new byte[XenConsoleFrame.PayloadBytes];
        new Random(5).NextBytes(bytes);
        var frame = Parse($"data g 0 {bytes.Length} " + Convert.ToBase64String(bytes), out _);
        Assert.Equal(bytes, frame!.Value.Data);
    }

    [Theory]
    [InlineData("data g 0 5")]                          // no payload: the line was cut
    [InlineData("data g 0 5 aGVsbG8= extra")]           // a field too many
    [InlineData("data g 0 aGVsbG8=")]                   // no count
    [InlineData("data g 0 5 aGVsbG8")]                  // cut inside a base64 quantum
    [InlineData("data g 0 8 aGVsbG8=")]                 // cut at a quantum: fewer bytes than counted
    [InlineData("data g 0 2 aGVsbG8=")]
    [InlineData("data g 0 0 aGVsbG8=")]
    [InlineData("data g 0 58 aGVsbG8=")]
    [InlineData("data g 0 -5 aGVsbG8=")]
    [InlineData("data g 0 5 aGVs(XEN)bG8=")]            // another line's text inside the frame
    [InlineData("data g 0 5 aGVs\u001bbG8=")]           // control bytes
    [InlineData("data g 0 5 aG=sbG8=")]                 // padding inside
    [InlineData("data g 0 5 aGVsbG8===")]               // not a quantum
    [InlineData("data g -1 5 aGVsbG8=")]                // negative offset
    [InlineData("data g +1 5 aGVsbG8=")]
    [InlineData("data g 1e3 5 aGVsbG8=")]
    [InlineData("data g 99999999999999999999 5 aGVsbG8=")]
    [InlineData("data G! 0 5 aGVsbG8=")]                // not a guest name
    [InlineData("end g 0 5 aGVsbG8=")]                  // not a frame
    public void RejectsDamagedFrames(string record)
    {
        Assert.Null(Parse(record, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void RejectsAPayloadLongerThanALine()
    {
        string payload = Convert.ToBase64String(new byte[XenConsoleFrame.PayloadBytes + 3]);
        Assert.Null(Parse("data g 0 57 " + payload, out string? error));
        Assert.Contains("damaged", error);
    }
}
