using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>PBKDF2 with HMAC as its pseudorandom function (RFC 8018 §5.2).</summary>
public static class Pbkdf2
{
    public static void Derive(DigestAlgorithm algorithm, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);
        // Each block reads the salt again after the previous one was written, and the salt may lie in the output.
        if (salt.Overlaps(destination))
            salt = salt.ToArray();
        var keyed = new Hmac(algorithm, password);
        int hashSize = algorithm.HashSize;
        Span<byte> counter = stackalloc byte[4];
        Span<byte> u = stackalloc byte[hashSize];
        Span<byte> t = stackalloc byte[hashSize];
        for (uint block = 1; destination.Length > 0; block++)
        {
            var prf = keyed.Clone();
            prf.Append(salt);
            BinaryPrimitives.WriteUInt32BigEndian(counter, block);
            prf.Append(counter);
            prf.Finish(u);
            u.CopyTo(t);
            for (int i = 1; i < iterations; i++)
            {
                prf = keyed.Clone();
                prf.Append(u);
                prf.Finish(u);
                for (int j = 0; j < hashSize; j++)
                    t[j] ^= u[j];
            }
            int take = Math.Min(hashSize, destination.Length);
            t[..take].CopyTo(destination);
            destination = destination[take..];
        }
        CryptographicOperations.ZeroMemory(u);
        CryptographicOperations.ZeroMemory(t);
    }
}
