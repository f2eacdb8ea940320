namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// Image number i of a run: seed i mod n, damaged by a Random seeded from (run seed, i) alone, so any image can be
/// made again from its number (the watchdog and a dead process's in-flight numbers rely on it) whatever the worker
/// that ran it. The first n images are the seeds untouched, a check that the harness itself is sound.
/// </summary>
public sealed class ImageGenerator(IReadOnlyList<SeedImage> seeds, int runSeed)
{
    private readonly ImageMutator[] _mutators = [.. seeds.Select(seed => new ImageMutator(seed))];

    public IReadOnlyList<SeedImage> Seeds => seeds;

    /// <summary>Writes image <paramref name="index"/> into <paramref name="buffer"/> when it is the seed's size (else a new array).</summary>
    public FuzzCase Generate(long index, byte[]? buffer = null)
    {
        var which = (int)(index % seeds.Count);
        var seed = seeds[which];
        var image = buffer is not null && buffer.Length == seed.Image.Length ? buffer : new byte[seed.Image.Length];
        seed.Image.CopyTo(image, 0);
        if (index >= seeds.Count)
        {
            _mutators[which].Mutate(image, new Random(Mix(runSeed, index)));
        }
        return new FuzzCase(index, seed, image);
    }

    // splitmix64's finalizer: neighbouring indices get unrelated Random seeds.
    private static int Mix(int runSeed, long index)
    {
        var z = ((ulong)(uint)runSeed << 40) ^ (ulong)index;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
