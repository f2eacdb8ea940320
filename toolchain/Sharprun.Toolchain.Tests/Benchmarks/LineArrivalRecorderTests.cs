using System.Diagnostics;
using System.Text;
using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class LineArrivalRecorderTests
{
    [Fact]
    public void SplitsLinesAcrossWritesAndDropsLineEndings()
    {
        using var recorder = new LineArrivalRecorder(Stopwatch.StartNew());
        recorder.Write(Encoding.UTF8.GetBytes("first\r\nsec"));
        recorder.Write(Encoding.UTF8.GetBytes("ond\n\nünï"));
        // A character split between two writes ('ö' is two bytes in UTF-8) survives.
        byte[] tail = Encoding.UTF8.GetBytes("cödé\nrest");
        recorder.Write(tail.AsSpan(0, 2));
        recorder.Write(tail.AsSpan(2));
        Assert.Equal(["first", "second", "", "ünïcödé"], recorder.Lines.Select(l => l.Text));
        Assert.Equal("first\nsecond\n\nünïcödé\nrest", recorder.Text);
    }

    [Fact]
    public void ALineIsTimedWhenItsNewlineArrives()
    {
        var clock = Stopwatch.StartNew();
        using var recorder = new LineArrivalRecorder(clock);
        recorder.Write(Encoding.ASCII.GetBytes("slow"));
        Thread.Sleep(50);
        var before = clock.Elapsed;
        recorder.Write(Encoding.ASCII.GetBytes(" line\n"));
        Assert.True(recorder.Lines[0].At >= before);
        Assert.Throws<NotSupportedException>(() => recorder.Read(new byte[1], 0, 1));
    }
}
