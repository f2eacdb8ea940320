using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.Toolchain.Tests.Xen;

/// <summary>The rig's serial line as dom0 writes it (records, frames, Xen's and Linux's own lines), taken apart.</summary>
public class XenRigConsoleTests
{
    private const string Prefix = Dom0Script.RecordPrefix;

    private sealed class Rig
    {
        public Rig(params string[] names)
        {
            Outcomes = names.Select(n => new XenGuestOutcome { Name = n }).ToList();
            Console = new XenRigConsole(Outcomes)
            {
                OnGuestOutput = (guest, tag, data) => Arrivals.Add($"{guest.Name} {tag} {Encoding.UTF8.GetString(data.Span)}"),
                OnRigLine = RigLines.Add,
            };
        }

        public List<XenGuestOutcome> Outcomes { get; }

        public XenRigConsole Console { get; }

        public List<string> Arrivals { get; } = new();

        public List<string> RigLines { get; } = new();

        public XenGuestOutcome this[string name] => Outcomes.Single(o => o.Name == name);

        public Rig Feed(string text)
        {
            Console.Feed(Encoding.UTF8.GetBytes(text));
            return this;
        }

        public Rig FeedBytewise(string text)
        {
            foreach (byte b in Encoding.UTF8.GetBytes(text))
                Console.Feed([b]);
            return this;
        }
    }

    /// <summary>What dom0's forward function prints for <paramref name="console"/> from <paramref name="offset"/> on.</summary>
    private static string Frames(string guest, long offset, string console)
    {
        var bytes = Encoding.UTF8.GetBytes(console);
        var text = new StringBuilder();
        for (int i = 0; i < bytes.Length; i += XenConsoleFrame.PayloadBytes)
        {
            int count = Math.Min(XenConsoleFrame.PayloadBytes, bytes.Length - i);
            text.Append($"{Prefix}data {guest} {offset + i} {count} {Convert.ToBase64String(bytes, i, count)}\r\n");
        }
        return text.ToString();
    }

    private static string End(string guest, long bytes, string state = "--ps--", string code = "0") =>
        $"{Prefix}end {guest} {state} 0 exited {code} {bytes}\r\n";

    private static int Length(string text) => Encoding.UTF8.GetByteCount(text);

    [Fact]
    public void DeliversEachGuestsStreamsAsTheFramesArrive()
    {
        const string first = "\u001eofirst line\n";
        const string second = "\u001eesecond, on stderr\n\u001ek@@sharprun-exit 3\n";
        var rig = new Rig("g");
        rig.Feed("(XEN) Xen version 4.17\r\n" + Prefix + "ready\r\n" + Frames("g", 0, first));
        Assert.Equal(["g o first line\n"], rig.Arrivals);
        Assert.False(rig["g"].Ended);

        rig.Feed(Frames("g", Length(first), second) + End("g", Length(first + second)) + Prefix + "done\r\n");
        rig.Console.Complete();
        Assert.Equal(["g o first line\n", "g e second, on stderr\n", "g k @@sharprun-exit 3\n"], rig.Arrivals);
        Assert.Equal("first line\n", Encoding.UTF8.GetString(rig["g"].Output.ToArray()));
        Assert.Equal("second, on stderr\n", Encoding.UTF8.GetString(rig["g"].ErrorOutput.ToArray()));
        Assert.Equal(3, rig["g"].ExitCode);
        Assert.Equal("--ps--", rig["g"].State);
        Assert.Equal(0, rig["g"].ShutdownReason);
        Assert.Equal("exited", rig["g"].XenstoreState);
        Assert.True(rig["g"].Ended);
        Assert.True(rig.Console.Completed);
        Assert.Empty(rig.Console.Errors);
        Assert.Contains("(XEN) Xen version 4.17", rig.RigLines);
    }

    [Fact]
    public void AGuestLineSplitAcrossFramesAndChunksArrivesWhole()
    {
        string console = "\u001eo" + new string('x', 200) + "\n\u001eoünïcödé\n";
        var rig = new Rig("g");
        rig.FeedBytewise(Frames("g", 0, console) + End("g", Length(console)));
        Assert.Equal(new string('x', 200) + "\nünïcödé\n", Encoding.UTF8.GetString(rig["g"].Output.ToArray()));
        Assert.Equal(2, rig.Arrivals.Count);
        Assert.Empty(rig.Console.Errors);
    }

    [Fact]
    public void InterleavedGuestsAndForeignLinesStayApart()
    {
        var rig = new Rig("a", "b");
        rig.Feed(Frames("a", 0, "\u001eoA1\n"))
            .Feed("[   12.345] xen-blkback: some kernel message\r\n")
            .Feed(Frames("b", 0, "\u001eoB1\n"))
            .Feed("(XEN) d2v0 something\r\n")
            .Feed(Frames("a", 5, "\u001eoA2\n"))
            .Feed(End("a", 10) + End("b", 5));
        Assert.Equal("A1\nA2\n", Encoding.UTF8.GetString(rig["a"].Output.ToArray()));
        Assert.Equal("B1\n", Encoding.UTF8.GetString(rig["b"].Output.ToArray()));
        Assert.Equal(["a o A1\n", "b o B1\n", "a o A2\n"], rig.Arrivals);
        Assert.Empty(rig.Console.Errors);
    }

    [Fact]
    public void AGuestCannotForgeRecordsThroughItsConsole()
    {
        // Raw, this would end the guest with exit code 0 and finish the run; inside frames it is just console text.
        string console = "\n" + Prefix + "end g --ps-- 0 exited 0 0\n" + Prefix + "done\n";
        var rig = new Rig("g");
        rig.Feed(Frames("g", 0, console));
        Assert.False(rig["g"].Ended);
        Assert.False(rig.Console.Completed);
        Assert.Contains(Prefix + "done", rig["g"].ConsoleLines);
        Assert.Empty(rig.Arrivals);
    }

    [Fact]
    public void AFrameCutByAnotherLineIsReportedAndTheConsoleResumesAtTheNextLine()
    {
        string line1 = "\u001eo" + new string('1', 60) + "\n";
        string line2 = "\u001eoline two\n";
        string framed = Frames("g", 0, line1 + line2);
        // Xen writes its own line into the middle of dom0's first frame.
        string damaged = framed.Insert(40, "(XEN) interrupting\r\n");
        var rig = new Rig("g");
        rig.Feed(damaged + End("g", Length(line1 + line2)));
        Assert.Equal("line two\n", Encoding.UTF8.GetString(rig["g"].Output.ToArray()));
        Assert.Contains(rig.Console.Errors, e => e.Contains("damaged console frame"));
        Assert.Contains(rig.Console.Errors, e => e.Contains("g: console: bytes 0-56 were lost"));
        Assert.True(rig["g"].Ended);
    }

    [Fact]
    public void MissingBytesAtTheEndAreReported()
    {
        var rig = new Rig("g");
        rig.Feed(Frames("g", 0, "\u001eohello\n") + End("g", 100));
        Assert.Equal("hello\n", Encoding.UTF8.GetString(rig["g"].Output.ToArray()));
        Assert.Equal(["g: console: bytes 8-99 were lost on the way"], rig.Console.Errors);
    }

    [Fact]
    public void ATruncatedTranscriptDeliversWhatArrivedAndLeavesTheGuestUnended()
    {
        var rig = new Rig("g");
        rig.Feed(Frames("g", 0, "\u001eocomplete\n"));
        rig.Feed(Frames("g", 11, "\u001eopartial line cut short")[..^10]);
        rig.Console.Complete();
        Assert.Equal("complete\n", Encoding.UTF8.GetString(rig["g"].Output.ToArray()));
        Assert.False(rig["g"].Ended);
        Assert.False(rig.Console.Completed);
        Assert.Single(rig.Console.Errors);
    }

    [Fact]
    public void RepeatedUnknownAndLateFramesAreRejected()
    {
        var rig = new Rig("g");
        rig.Feed(Frames("g", 0, "\u001eoone\n"))
            .Feed(Frames("g", 0, "\u001eoone\n"))
            .Feed(Frames("stranger", 0, "\u001eoboo\n"))
            .Feed(End("g", 6))
            .Feed(Frames("g", 6, "\u001eolate\n"));
        Assert.Equal("one\n", Encoding.UTF8.GetString(rig["g"].Output.ToArray()));
        Assert.Equal(3, rig.Console.Errors.Count);
        Assert.Contains(rig.Console.Errors, e => e.Contains("repeats"));
        Assert.Contains(rig.Console.Errors, e => e.Contains("unknown guest 'stranger'"));
        Assert.Contains(rig.Console.Errors, e => e.Contains("after the guest's end"));
    }

    [Fact]
    public void GarbageNeverThrowsAndNeverReachesTheGuestsStreams()
    {
        var random = new Random(1234);
        var rig = new Rig("g");
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            rig.Console.Feed(bytes);
            rig.Feed(Prefix + "data g " + random.Next() + " " + random.Next(1, 58) + " " + Convert.ToBase64String(bytes)[..Math.Min(20, bytes.Length)] + "\n");
            rig.Feed(Prefix + "end\n" + Prefix + "first-output g NaN\n" + Prefix + "end g x y z w q\n");
        }
        rig.Console.Complete();
        Assert.Empty(rig["g"].Output);
        Assert.Null(rig["g"].FirstOutputSeconds);
        Assert.All(rig.RigLines, line => Assert.DoesNotContain(line, c => char.IsControl(c) && c != '\t'));
    }

    [Fact]
    public void OverlongLinesAreCutAndTheirRestIsNoRecord()
    {
        var rig = new Rig("g");
        rig.Feed(new string('x', XenRigConsole.MaxLineBytes) + Prefix + "done\n");
        Assert.False(rig.Console.Completed);
        rig.Feed(Prefix + "done\n");
        Assert.True(rig.Console.Completed);
    }

    [Fact]
    public void GuestErrorsAndFirstOutputTimesAreRecorded()
    {
        var rig = new Rig("g", "h");
        rig.Feed(Prefix + "first-output g 4.25\n" + Prefix + "error h xl create failed: no memory\n" + Prefix + "error dom0 broke\n");
        Assert.Equal(4.25, rig["g"].FirstOutputSeconds);
        Assert.Equal("xl create failed: no memory", rig["h"].Error);
        Assert.Equal(["dom0 broke"], rig.Console.Errors);
    }
}
