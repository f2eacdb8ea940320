namespace Sharprun.Ext2.Tests.Support;

/// <summary>The directory mke2fs -d copies into the test images, and the bytes the tests expect back.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class SeedTree : IDisposable
{
    public const string SlowTarget = "a/target/long/enough/that/it/does/not/fit/in/the/sixty/bytes/of/i_block/and/needs/its/own/block";

    public SeedTree()
    {
        Root = Directory.CreateTempSubdirectory("ext2-test-").FullName;
        Seed = Path.Combine(Root, "seed");
        Directory.CreateDirectory(Path.Combine(Seed, "sub", "deeper"));
        File.WriteAllText(Path.Combine(Seed, "hello.txt"), "hello, ext2\n");
        File.WriteAllText(Path.Combine(Seed, "sub", "nested.txt"), "nested file\n");
        File.WriteAllText(Path.Combine(Seed, "sub", "deeper", "leaf.txt"), "leaf\n");
        File.SetUnixFileMode(Path.Combine(Seed, "hello.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.SetLastWriteTimeUtc(Path.Combine(Seed, "hello.txt"), new DateTime(2020, 5, 17, 12, 34, 56, DateTimeKind.Utc));
        File.CreateSymbolicLink(Path.Combine(Seed, "fast-link"), "hello.txt");
        File.CreateSymbolicLink(Path.Combine(Seed, "slow-link"), SlowTarget);
        Big = new byte[400 * 1024];
        new Random(42).NextBytes(Big);
        File.WriteAllBytes(Path.Combine(Seed, "big.bin"), Big);
        using (var sparse = new FileStream(Path.Combine(Seed, "sparse.bin"), FileMode.Create))
        {
            sparse.Position = 300 * 1024;
            sparse.Write("middle"u8);
            sparse.SetLength(1024 * 1024);
        }
    }

    public string Root { get; }

    public string Seed { get; }

    public byte[] Big { get; }

    public void Dispose() => Directory.Delete(Root, true);
}
