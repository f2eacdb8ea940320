using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public class KernelLogParserTests
{
    private static List<KernelLogEntry> Parse(params byte[][] chunks)
    {
        var entries = new List<KernelLogEntry>();
        var parser = new KernelLogParser(entries.Add);
        foreach (var chunk in chunks)
            parser.Feed(chunk);
        parser.Complete();
        return entries;
    }

    private static List<KernelLogEntry> Parse(params string[] chunks) => Parse(chunks.Select(Encoding.UTF8.GetBytes).ToArray());

    [Fact]
    public void ClassifiesTheProtocolLines()
    {
        var entries = Parse("boot: 128 MiB\npanic: out of memory\n@@sharprun-panic\n@@sharprun-exit 7\n");
        Assert.Equal(
            [KernelLogKind.Message, KernelLogKind.Panic, KernelLogKind.PanicRecord, KernelLogKind.Exit],
            entries.Select(e => e.Kind));
        Assert.Equal("boot: 128 MiB", entries[0].Text);
        Assert.Equal(7, entries[3].ExitCode);
    }

    [Theory]
    [InlineData("@@sharprun-exit 0", 0)]
    [InlineData("@@sharprun-exit 255", 255)]
    [InlineData("@@sharprun-exit 007", 7)]
    [InlineData("@@sharprun-exit 42\r", 42)]
    public void ExitRecords(string line, int code)
    {
        var entry = Assert.Single(Parse(line + "\n"));
        Assert.Equal(KernelLogKind.Exit, entry.Kind);
        Assert.Equal(code, entry.ExitCode);
    }

    [Theory]
    [InlineData("@@sharprun-exit 256")]
    [InlineData("@@sharprun-exit -1")]
    [InlineData("@@sharprun-exit +1")]
    [InlineData("@@sharprun-exit 0001")]
    [InlineData("@@sharprun-exit")]
    [InlineData("@@sharprun-exit ")]
    [InlineData("@@sharprun-exit  1")]
    [InlineData("@@sharprun-exit 1 ")]
    [InlineData("@@sharprun-exit 1\r\r")]
    [InlineData("@@sharprun-exit ١")]
    [InlineData("@@sharprun-exit 99999999999999999999")]
    [InlineData("@@sharprun-panic ")]
    [InlineData("@@sharprun-panicked")]
    [InlineData("@@sharprun-")]
    [InlineData("@@sharprun-reboot")]
    public void MalformedRecordsAreNeitherExitsNorPanics(string line) =>
        Assert.Equal(KernelLogKind.MalformedRecord, Assert.Single(Parse(line + "\n")).Kind);

    [Theory]
    [InlineData(" @@sharprun-exit 0")]
    [InlineData("x@@sharprun-panic")]
    [InlineData("@@SHARPRUN-EXIT 0")]
    [InlineData(" panic: indented")]
    [InlineData("PANIC: upper case")]
    public void RecordsAndPanicsCountOnlyAtTheStartOfALine(string line) =>
        Assert.Equal(KernelLogKind.Message, Assert.Single(Parse(line + "\n")).Kind);

    [Fact]
    public void LinesMaySpanChunksAndChunksMayHoldManyLines()
    {
        var entries = Parse("@@sharp", "run-ex", "it 3\npanic: a\npan", "ic: b\n");
        Assert.Equal([KernelLogKind.Exit, KernelLogKind.Panic, KernelLogKind.Panic], entries.Select(e => e.Kind));
        Assert.Equal(3, entries[0].ExitCode);
    }

    [Fact]
    public void ALastLineWithoutNewlineIsNeverARecord()
    {
        var entry = Assert.Single(Parse("@@sharprun-exit 0"));
        Assert.Equal(KernelLogKind.Message, entry.Kind);
        Assert.Equal("@@sharprun-exit 0", entry.Text);
    }

    [Fact]
    public void EmptyLinesAreMessages() =>
        Assert.Equal([KernelLogKind.Message, KernelLogKind.Message], Parse("\n\r\n").Select(e => e.Kind));

    [Fact]
    public void ControlCharactersAreReplaced()
    {
        var entry = Assert.Single(Parse("panic: \u001b[2J\u001b]0;owned\u0007 \u0085 tab\tkept\u007f\n"));
        Assert.Equal(KernelLogKind.Panic, entry.Kind);
        Assert.DoesNotContain(entry.Text, c => char.IsControl(c) && c != '\t');
        Assert.Contains("tab\tkept", entry.Text);
    }

    [Fact]
    public void InvalidUtf8BecomesReplacementCharacters()
    {
        var entry = Assert.Single(Parse([0x6F, 0x6B, 0xFF, 0xC3, 0x28, 0x0A]));
        Assert.StartsWith("ok", entry.Text);
        Assert.Contains('\uFFFD', entry.Text);
    }

    [Fact]
    public void ALineOfExactlyTheLimitIsOneLine()
    {
        var entry = Assert.Single(Parse(new string('a', KernelLogParser.MaxLineBytes) + "\n"));
        Assert.Equal(KernelLogParser.MaxLineBytes, entry.Text.Length);
    }

    [Fact]
    public void OverlongLinesAreCutAndTheirPiecesAreNeverRecords()
    {
        string hostile = new string('x', KernelLogParser.MaxLineBytes) + "@@sharprun-exit 0\n@@sharprun-exit 9\n";
        var entries = Parse(hostile);
        Assert.Equal([KernelLogKind.Message, KernelLogKind.Message, KernelLogKind.Exit], entries.Select(e => e.Kind));
        Assert.Equal("@@sharprun-exit 0", entries[1].Text);
        Assert.Equal(9, entries[2].ExitCode);
    }

    [Fact]
    public void AnOverlongPanicStaysAPanicInEveryPiece()
    {
        var entries = Parse("panic: " + new string('p', 3 * KernelLogParser.MaxLineBytes) + "\nafter\n");
        Assert.Equal(5, entries.Count);
        Assert.All(entries.Take(4), e => Assert.Equal(KernelLogKind.Panic, e.Kind));
        Assert.Equal(KernelLogKind.Message, entries[4].Kind);
    }

    [Fact]
    public void AFloodOfBytesWithoutNewlinesIsBounded()
    {
        var entries = Parse(new byte[1 << 20]);
        Assert.Equal((1 << 20) / KernelLogParser.MaxLineBytes, entries.Count);
        Assert.All(entries, e => Assert.Equal(KernelLogKind.Message, e.Kind));
    }
}
