using System.Security.Cryptography;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>HMAC (RFC 2104, FIPS 198-1) over any <see cref="Digest"/>.</summary>
public sealed class Hmac
{
    private readonly DigestAlgorithm _algorithm;
    private byte[] _outerPad;
    private byte[] _innerPad;
    private Digest _inner;

    public Hmac(DigestAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        _algorithm = algorithm;
        int blockSize = algorithm.BlockSize;
        _innerPad = new byte[blockSize];
        _outerPad = new byte[blockSize];
        if (key.Length > blockSize)
            algorithm.Hash(key).CopyTo(_innerPad, 0);
        else
            key.CopyTo(_innerPad);
        for (int i = 0; i < blockSize; i++)
        {
            _outerPad[i] = (byte)(_innerPad[i] ^ 0x5c);
            _innerPad[i] ^= 0x36;
        }
        _inner = algorithm.Create();
        _inner.Append(_innerPad);
    }

    public int HashSize => _algorithm.HashSize;

    public DigestAlgorithm Algorithm => _algorithm;

    public void Append(ReadOnlySpan<byte> data) => _inner.Append(data);

    /// <summary>Writes the MAC of everything appended; the state is then spent until <see cref="Reset"/>.</summary>
    public void Finish(Span<byte> destination)
    {
        Span<byte> innerHash = stackalloc byte[_algorithm.HashSize];
        _inner.Finish(innerHash);
        var outer = _algorithm.Create();
        outer.Append(_outerPad);
        outer.Append(innerHash);
        outer.Finish(destination);
        CryptographicOperations.ZeroMemory(innerHash);
    }

    public void Reset()
    {
        _inner.Reset();
        _inner.Append(_innerPad);
    }

    public Hmac Clone()
    {
        var clone = (Hmac)MemberwiseClone();
        clone._inner = _inner.Clone();
        clone._innerPad = (byte[])_innerPad.Clone();
        clone._outerPad = (byte[])_outerPad.Clone();
        return clone;
    }

    public static void Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hmac = new Hmac(algorithm, key);
        hmac.Append(data);
        hmac.Finish(destination);
    }
}
