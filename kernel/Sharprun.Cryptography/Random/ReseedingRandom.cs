namespace Sharprun.Cryptography.Random;

/// <summary>
/// A thread-safe random generator: one CTR_DRBG, seeded from an <see cref="EntropySource"/> on first use and
/// reseeded from it after every <see cref="ReseedAfterBytes"/> bytes, long before SP 800-90A's own limit, so that
/// a compromise of the DRBG's state does not expose much output.
/// </summary>
public sealed class ReseedingRandom
{
    public const int ReseedAfterBytes = 1 << 20;

    private readonly EntropySource _entropy;
    private readonly Lock _lock = new();
    private CtrDrbg? _drbg;
    private long _sinceReseed;

    public ReseedingRandom(EntropySource entropy)
    {
        _entropy = entropy;
    }

    /// <summary>The image's generator, behind CryptoNative_GetRandomBytes.</summary>
    public static ReseedingRandom Shared { get; } = new(PlatformEntropy.Fill);

    public void Fill(Span<byte> destination)
    {
        Span<byte> seed = stackalloc byte[CtrDrbg.SeedLength];
        lock (_lock)
        {
            while (destination.Length > 0)
            {
                if (_drbg is null)
                {
                    _entropy(seed);
                    _drbg = new CtrDrbg(seed, "Sharprun CryptoNative_GetRandomBytes"u8);
                    _sinceReseed = 0;
                }
                else if (_sinceReseed >= ReseedAfterBytes || _drbg.NeedsReseed)
                {
                    _entropy(seed);
                    _drbg.Reseed(seed, default);
                    _sinceReseed = 0;
                }
                int take = Math.Min(destination.Length, CtrDrbg.MaxRequestBytes);
                _drbg.Generate(destination[..take]);
                _sinceReseed += take;
                destination = destination[take..];
            }
        }
        seed.Clear();
    }
}
