using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Devices;

/// <summary>Entropy from RDRAND where the (virtual) CPU has it, otherwise from time-stamp-counter jitter.</summary>
internal static unsafe class Entropy
{
    private static bool s_probed;
    private static bool s_hasRdrand;

    public static void Fill(byte* buffer, int length)
    {
        if (!s_probed)
        {
            uint* registers = stackalloc uint[4];
            Instructions.Cpuid(1, 0, registers);
            s_hasRdrand = (registers[2] & (1u << 30)) != 0;
            s_probed = true;
        }
        for (int i = 0; i < length; i += 8)
        {
            ulong value = Next();
            for (int j = 0; j < 8 && i + j < length; j++)
                buffer[i + j] = (byte)(value >> (8 * j));
        }
    }

    private static ulong Next()
    {
        ulong value;
        if (s_hasRdrand)
        {
            for (int attempt = 0; attempt < 10; attempt++)
            {
                if (Instructions.ReadRandom(&value))
                    return value;
            }
        }
        // SplitMix64 over the TSC: not cryptographic, but distinct per call and per boot.
        value = Instructions.ReadTimeStampCounter() + 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
