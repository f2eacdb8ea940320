using Xunit;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>Replaying prefixes of hand-made write logs onto a copy of a base image (host only, no guest).</summary>
public sealed class WriteLogReplayTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-replay-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Base(int sectors)
    {
        string path = Path.Combine(_folder.FullName, "base.img");
        File.WriteAllBytes(path, Enumerable.Repeat((byte)0xAA, sectors * 512).ToArray());
        return path;
    }

    private static byte[] Sectors(int count, byte value) => Enumerable.Repeat(value, count * 512).ToArray();

    private static byte[] Sector(byte[] image, int sector) => image[(sector * 512)..((sector + 1) * 512)];

    [Fact]
    public void EachPrefixHoldsTheWritesBeforeItAndNoneAfter()
    {
        string baseImage = Base(8);
        byte[] bytes = new WriteLogBuilder().Write(2, Sectors(2, 0x11)).Flush().Discard(3, 2).Mark("m").Write(6, Sectors(2, 0x22)).Write(2, Sectors(1, 0x33)).Flush().Build();
        using var log = WriteLog.Read(new MemoryStream(bytes));
        using var replay = new WriteLogReplay(log, baseImage, Path.Combine(_folder.FullName, "replay.img"));

        replay.ApplyUpTo(0);
        Assert.Equal(File.ReadAllBytes(baseImage), File.ReadAllBytes(replay.ImagePath));

        replay.ApplyUpTo(1);
        byte[] image = File.ReadAllBytes(replay.ImagePath);
        Assert.Equal(Sectors(1, 0x11), Sector(image, 2));
        Assert.Equal(Sectors(1, 0x11), Sector(image, 3));
        Assert.Equal(Sectors(1, 0xAA), Sector(image, 4));

        replay.ApplyUpTo(4);
        image = File.ReadAllBytes(replay.ImagePath);
        Assert.Equal(Sectors(1, 0x11), Sector(image, 2));
        Assert.Equal(new byte[1024], image[(3 * 512)..(5 * 512)]);
        Assert.Equal(Sectors(1, 0xAA), Sector(image, 6));

        replay.ApplyUpTo(log.Entries.Count);
        image = File.ReadAllBytes(replay.ImagePath);
        Assert.Equal(Sectors(1, 0x33), Sector(image, 2));
        Assert.Equal(Sectors(2, 0x22), image[(6 * 512)..]);
        Assert.Equal(8 * 512, image.Length);
        Assert.Equal(log.Entries.Count, replay.Applied);
    }

    [Fact]
    public void ACopyIsTheImageAsItStands()
    {
        using var log = WriteLog.Read(new MemoryStream(new WriteLogBuilder().Write(0, Sectors(1, 0x44)).Build()));
        using var replay = new WriteLogReplay(log, Base(2), Path.Combine(_folder.FullName, "replay.img"));
        replay.ApplyUpTo(1);
        string copy = Path.Combine(_folder.FullName, "copy.img");
        replay.CopyTo(copy);
        Assert.Equal(File.ReadAllBytes(replay.ImagePath), File.ReadAllBytes(copy));
    }

    [Fact]
    public void AReplayOnlyGoesForwardAndNotPastTheLog()
    {
        using var log = WriteLog.Read(new MemoryStream(new WriteLogBuilder().Flush().Flush().Build()));
        using var replay = new WriteLogReplay(log, Base(1), Path.Combine(_folder.FullName, "replay.img"));
        replay.ApplyUpTo(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => replay.ApplyUpTo(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => replay.ApplyUpTo(3));
    }

    [Theory]
    [InlineData(7, 2)]
    [InlineData(8, 1)]
    public void AWriteOrDiscardPastTheImageIsRefused(long sector, int sectors)
    {
        var builder = new WriteLogBuilder();
        byte[] bytes = (sector == 8 ? builder.Discard(sector, sectors) : builder.Write(sector, Sectors(sectors, 1))).Build();
        using var log = WriteLog.Read(new MemoryStream(bytes));
        using var replay = new WriteLogReplay(log, Base(8), Path.Combine(_folder.FullName, "replay.img"));
        var error = Assert.Throws<InvalidDataException>(() => replay.ApplyUpTo(1));
        Assert.Contains("past the end of the 4096-byte image", error.Message);
    }
}
