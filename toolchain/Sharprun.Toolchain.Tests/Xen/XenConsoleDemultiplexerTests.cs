using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.Toolchain.Tests.Xen;

/// <summary>The guest's own line framing (hypercall-xen's ConsoleMultiplexer) taken apart, with hostile input.</summary>
public class XenConsoleDemultiplexerTests
{
    private sealed class Streams
    {
        public Streams() => Demultiplexer = new XenConsoleDemultiplexer(
            (tag, data) => Pieces.Add((tag, Encoding.UTF8.GetString(data.Span))), Other.Add);

        public XenConsoleDemultiplexer Demultiplexer { get; }

        public List<(char Tag, string Text)> Pieces { get; } = new();

        public List<string> Other { get; } = new();

        public string Text(char tag) => string.Concat(Pieces.Where(p => p.Tag == tag).Select(p => p.Text));

        public Streams Feed(string text)
        {
            Demultiplexer.Feed(Encoding.UTF8.GetBytes(text));
            return this;
        }
    }

    [Fact]
    public void SplitsTheStreamsAndJoinsBrokenLines()
    {
        var s = new Streams().Feed("\u001eoHello, \u001f\n\u001eewarn\n\u001eoworld\r\n\u001ekboot\n");
        s.Demultiplexer.Complete();
        Assert.Equal("Hello, world\n", s.Text('o'));
        Assert.Equal("warn\n", s.Text('e'));
        Assert.Equal("boot\n", s.Text('k'));
        Assert.Empty(s.Other);
    }

    [Fact]
    public void DecodesEscapes()
    {
        var s = new Streams().Feed("\u001eoa\u001f0b\u001f1c\u001frd\n");
        Assert.Equal("a\u001eb\u001fc\rd\n", s.Text('o'));
    }

    [Theory]
    [InlineData("\u001exunknown tag\n")]
    [InlineData("\u001eobad \u001fz escape\n")]
    [InlineData("\u001eoRS \u001e inside\n")]
    [InlineData("no tag at all\n")]
    [InlineData("\u001e\n")]
    public void MalformedGuestLinesAreOtherLines(string line)
    {
        var s = new Streams().Feed(line);
        Assert.Empty(s.Pieces);
        Assert.Single(s.Other);
        Assert.DoesNotContain(s.Other[0], c => char.IsControl(c) && c != '\t');
    }

    [Fact]
    public void OverlongLinesAreCut()
    {
        var s = new Streams().Feed("\u001eo" + new string('x', XenConsoleDemultiplexer.MaxLineBytes * 2) + "\n");
        s.Demultiplexer.Complete();
        Assert.Equal(XenConsoleDemultiplexer.MaxLineBytes - 2 + 1, s.Text('o').Length);
        Assert.Equal(2, s.Other.Count);
    }

    [Fact]
    public void ALastLineWithoutNewlineIsDeliveredAtTheEnd()
    {
        var s = new Streams().Feed("\u001eopartial");
        Assert.Empty(s.Pieces);
        s.Demultiplexer.Complete();
        Assert.Equal("partial\n", s.Text('o'));
    }

    [Fact]
    public void ResynchronizingDropsTheHalfLine()
    {
        var s = new Streams().Feed("\u001eohalf a li");
        s.Demultiplexer.Resynchronize();
        s.Feed("ne's tail\n\u001eonext\n");
        Assert.Equal("next\n", s.Text('o'));
        Assert.Equal(["ne's tail"], s.Other);
    }
}
