using System.Text;
using Xunit;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>Finding the crash workload's step markers in a write log's raw data (host only, no guest).</summary>
public sealed class StepMarkersTests
{
    private static byte[] Marker(int step, int sectors = 1)
    {
        var data = Enumerable.Repeat((byte)'.', sectors * 512).ToArray();
        Encoding.ASCII.GetBytes($"sharprun-crash-step {step:D8}\n").CopyTo(data, (sectors - 1) * 512);
        return data;
    }

    [Fact]
    public void EachStepMapsToTheFirstEntryThatWroteItsMarker()
    {
        byte[] bytes = new WriteLogBuilder()
            .Write(0, new byte[512]).Write(40, Marker(0)).Flush()
            .Write(40, Marker(1, sectors: 3)).Write(40, Marker(1)).Flush()
            .Discard(40, 1).Build();
        using var log = WriteLog.Read(new MemoryStream(bytes));
        Assert.Equal(new Dictionary<int, int> { [0] = 1, [1] = 3 }, StepMarkers.FirstEntries(log));
    }

    [Fact]
    public void AMarkerNotAtASectorsStartIsNotOne()
    {
        var data = new byte[1024];
        Encoding.ASCII.GetBytes("sharprun-crash-step 00000007").CopyTo(data, 100);
        using var log = WriteLog.Read(new MemoryStream(new WriteLogBuilder().Write(0, data).Build()));
        Assert.Empty(StepMarkers.FirstEntries(log));
    }
}
