using System.Runtime;
using Sharprun.Cryptography.Random;

namespace Sharprun.Cryptography.Exports;

/// <summary>RAND_bytes for RandomNumberGenerator: the shared CTR_DRBG, seeded from the platform's entropy.</summary>
public static unsafe class RandomExports
{
    [RuntimeExport("CryptoNative_GetRandomBytes")]
    public static int GetRandomBytes(byte* buffer, int count)
    {
        if (count < 0 || (buffer == null && count > 0))
            return 0;
        ReseedingRandom.Shared.Fill(new Span<byte>(buffer, count));
        return 1;
    }
}
