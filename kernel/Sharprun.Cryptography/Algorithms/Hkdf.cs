using System.Security.Cryptography;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>HKDF (RFC 5869): extract a pseudorandom key from input keying material, expand it into output keying material.</summary>
public static class Hkdf
{
    /// <summary>PRK = HMAC(salt, IKM); an empty salt is a block of zeros, which HMAC's key padding already gives.</summary>
    public static void Extract(DigestAlgorithm algorithm, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, Span<byte> prk) =>
        Hmac.Compute(algorithm, salt, ikm, prk[..algorithm.HashSize]);

    /// <summary>Fills <paramref name="output"/> (at most 255 hash lengths); false if it is longer.</summary>
    public static bool Expand(DigestAlgorithm algorithm, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> output)
    {
        int hashSize = algorithm.HashSize;
        if (output.Length > 255 * hashSize)
            return false;
        // The caller's info may lie inside the output it asked for; each block reads it again after writing.
        if (info.Overlaps(output))
            info = info.ToArray();
        var keyed = new Hmac(algorithm, prk);
        Span<byte> previous = stackalloc byte[hashSize];
        Span<byte> counter = stackalloc byte[1];
        int previousLength = 0;
        for (int block = 1; output.Length > 0; block++)
        {
            var prf = keyed.Clone();
            prf.Append(previous[..previousLength]);
            prf.Append(info);
            counter[0] = (byte)block;
            prf.Append(counter);
            prf.Finish(previous);
            previousLength = hashSize;
            int take = Math.Min(hashSize, output.Length);
            previous[..take].CopyTo(output);
            output = output[take..];
        }
        CryptographicOperations.ZeroMemory(previous);
        return true;
    }

    public static bool DeriveKey(DigestAlgorithm algorithm, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Span<byte> prk = stackalloc byte[algorithm.HashSize];
        Extract(algorithm, ikm, salt, prk);
        bool expanded = Expand(algorithm, prk, info, output);
        CryptographicOperations.ZeroMemory(prk);
        return expanded;
    }
}
