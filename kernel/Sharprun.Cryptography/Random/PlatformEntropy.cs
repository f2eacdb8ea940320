using Sharprun.Hypercall;

namespace Sharprun.Cryptography.Random;

/// <summary>The platform's entropy hypercall (RDRAND on bare metal and Xen) as an <see cref="EntropySource"/>.</summary>
public static unsafe class PlatformEntropy
{
    public static void Fill(Span<byte> destination)
    {
        fixed (byte* buffer = destination)
        {
            if (destination.Length > 0)
                Hypercalls.GetEntropy(buffer, destination.Length);
        }
    }
}
