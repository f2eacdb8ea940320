using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Hypercall.Console;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.Hypercall.Xen.Tests;

/// <summary>The guest's console multiplexer against the host's demultiplexer, including hostile console input.</summary>
public unsafe class ConsoleProtocolTests
{
    private static readonly List<byte> Wire = new();

    private static void Sink(byte* data, int length) => Wire.AddRange(new ReadOnlySpan<byte>(data, length).ToArray());

    private static byte[] Encode(params (ConsoleStream Stream, string Text)[] writes)
    {
        lock (Wire)
        {
            Wire.Clear();
            ConsoleMultiplexer.Reset();
            foreach (var (stream, text) in writes)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                fixed (byte* p = bytes)
                    ConsoleMultiplexer.Write(stream, p, bytes.Length, &Sink);
            }
            ConsoleMultiplexer.Finish(&Sink);
            return Wire.ToArray();
        }
    }

    private static (string Out, string Error, string Kernel, List<string> Other) Decode(byte[] wire, bool crlf = false)
    {
        var streams = new Dictionary<char, List<byte>> { ['o'] = new(), ['e'] = new(), ['k'] = new() };
        var other = new List<string>();
        var demultiplexer = new XenConsoleDemultiplexer((tag, data) => streams[tag].AddRange(data.ToArray()), other.Add);
        if (crlf)
            wire = wire.SelectMany(b => b == (byte)'\n' ? new[] { (byte)'\r', b } : new[] { b }).ToArray();
        demultiplexer.Feed(wire);
        demultiplexer.Complete();
        return (Encoding.UTF8.GetString(streams['o'].ToArray()), Encoding.UTF8.GetString(streams['e'].ToArray()),
            Encoding.UTF8.GetString(streams['k'].ToArray()), other);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StreamsRoundTripThroughLineTranslation(bool crlf)
    {
        var wire = Encode((ConsoleStream.Out, "hello "), (ConsoleStream.Kernel, "log line\n"), (ConsoleStream.Out, "world\r\nnext"),
            (ConsoleStream.Error, "oops\n"), (ConsoleStream.Out, " end\n"));
        var (output, error, kernel, other) = Decode(wire, crlf);
        Assert.Equal("hello world\r\nnext end\n", output);
        Assert.Equal("oops\n", error);
        Assert.Equal("log line\n", kernel);
        Assert.Empty(other);
    }

    [Fact]
    public void ControlBytesOfTheProtocolSurvive()
    {
        var (output, _, _, _) = Decode(Encode((ConsoleStream.Out, "a\u001Eb\u001Fc\n")));
        Assert.Equal("a\u001Eb\u001Fc\n", output);
    }

    [Fact]
    public void UnterminatedLastLineIsDelivered()
    {
        var (output, _, _, _) = Decode(Encode((ConsoleStream.Out, "no newline")));
        Assert.Equal("no newline", output);
    }

    [Fact]
    public void HypervisorLinesAreKeptApart()
    {
        var wire = Encoding.ASCII.GetBytes("(XEN) booting\r\n").Concat(Encode((ConsoleStream.Out, "app\n"))).ToArray();
        var (output, _, _, other) = Decode(wire);
        Assert.Equal("app\n", output);
        Assert.Equal(["(XEN) booting"], other);
    }

    [Theory]
    [InlineData("\u001Eo bad escape \u001Fz")]
    [InlineData("\u001Ex unknown tag")]
    [InlineData("\u001Eo stray \u001E start")]
    public void MalformedGuestLinesBecomeOtherLines(string line)
    {
        var (output, _, _, other) = Decode(Encoding.ASCII.GetBytes(line + "\n"));
        Assert.Equal("", output);
        Assert.Single(other);
        Assert.DoesNotContain(other[0], c => char.IsControl(c));
    }

    [Fact]
    public void OverlongLinesAreCut()
    {
        var wire = Encoding.ASCII.GetBytes("(" + new string('x', XenConsoleDemultiplexer.MaxLineBytes * 2) + "\n");
        var (_, _, _, other) = Decode(wire);
        Assert.Equal(3, other.Count);
    }
}
