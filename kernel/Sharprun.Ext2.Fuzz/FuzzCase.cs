namespace Sharprun.Ext2.Fuzz;

/// <summary>One generated image: its number in the run, the seed it came from, and the damaged bytes.</summary>
public sealed record FuzzCase(long Index, SeedImage Seed, byte[] Image);
