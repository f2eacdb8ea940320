using System.Runtime;
using Sharprun.Hypercall;

namespace Sharprun.Kernel.Pal;

/// <summary>Random bytes (pal_random.h), both kinds from the platform's entropy source.</summary>
public static unsafe class PalRandom
{
    [RuntimeExport("SystemNative_GetNonCryptographicallySecureRandomBytes")]
    public static void GetNonCryptographicallySecureRandomBytes(byte* buffer, int length)
    {
        if (buffer != null && length > 0)
        {
            Hypercalls.GetEntropy(buffer, length);
        }
    }

    /// <summary>
    /// Returns 0 on success, -1 for a bad buffer. The bytes are as strong as Hypercalls.GetEntropy, which must
    /// therefore come from the CPU's random number generator (Guid.NewGuid and System.Security.Cryptography use this).
    /// </summary>
    [RuntimeExport("SystemNative_GetCryptographicallySecureRandomBytes")]
    public static int GetCryptographicallySecureRandomBytes(byte* buffer, int length)
    {
        if (length < 0 || (buffer == null && length > 0))
        {
            return -1;
        }

        if (length > 0)
        {
            Hypercalls.GetEntropy(buffer, length);
        }

        return 0;
    }
}
