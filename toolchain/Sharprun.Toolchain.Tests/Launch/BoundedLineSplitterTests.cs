using System.Collections.Generic;
using System.Text;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public class BoundedLineSplitterTests
{
    private static List<(string Line, bool Newline, bool Continuation)> Split(string input, int max, bool dropCarriageReturns, bool complete = true)
    {
        var lines = new List<(string, bool, bool)>();
        var splitter = new BoundedLineSplitter(max, dropCarriageReturns, (line, newline, continuation) => lines.Add((Encoding.ASCII.GetString(line), newline, continuation)));
        splitter.Feed(Encoding.ASCII.GetBytes(input));
        if (complete)
            splitter.Complete();
        return lines;
    }

    [Fact]
    public void AnOverlongLineComesInPiecesAndOnlyTheFirstIsNotAContinuation()
    {
        Assert.Equal([("abcd", false, false), ("efgh", false, true), ("ij", true, true), ("next", true, false)], Split("abcdefghij\nnext\n", 4, false));
    }

    [Fact]
    public void CarriageReturnsAreDroppedOnlyWhenAsked()
    {
        Assert.Equal([("ab", true, false)], Split("a\rb\r\n", 8, true));
        Assert.Equal([("a\rb\r", true, false)], Split("a\rb\r\n", 8, false));
    }

    [Fact]
    public void CompleteDeliversAnUnfinishedLineAndStartsAfresh()
    {
        var lines = new List<(string, bool, bool)>();
        var splitter = new BoundedLineSplitter(4, false, (line, newline, continuation) => lines.Add((Encoding.ASCII.GetString(line), newline, continuation)));
        splitter.Feed("abcdef"u8);
        splitter.Complete();
        splitter.Feed("x\n"u8);
        Assert.Equal([("abcd", false, false), ("ef", false, true), ("x", true, false)], lines);
    }

    [Fact]
    public void DiscardDropsTheLineBegunSoFar()
    {
        var lines = new List<string>();
        var splitter = new BoundedLineSplitter(16, false, (line, _, _) => lines.Add(Encoding.ASCII.GetString(line)));
        splitter.Feed("half a li"u8);
        splitter.Discard();
        splitter.Feed("whole\n"u8);
        splitter.Complete();
        Assert.Equal(["whole"], lines);
    }
}
