using System.Security.Cryptography;

namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// The byte stream the guest's <c>source</c> command sends (qemu-tests/Images/tapguest): xorshift64 from a seed, each
/// step's state as eight little-endian bytes. Computed here on its own, so the test knows what should arrive.
/// </summary>
public static class XorshiftStream
{
    public static string Sha256(long length, ulong seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        ulong state = seed;
        for (long done = 0; done < length;)
        {
            int chunk = (int)Math.Min(buffer.Length, length - done);
            for (int i = 0; i < chunk; i += 8)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                for (int b = 0; b < 8 && i + b < chunk; b++)
                    buffer[i + b] = (byte)(state >> (8 * b));
            }
            hash.AppendData(buffer, 0, chunk);
            done += chunk;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
