using System.Security.Cryptography;
using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Random;

/// <summary>
/// CTR_DRBG with AES-256 and no derivation function (SP 800-90A Rev. 1 §10.2.1): full-entropy seed material of
/// seedlen = 48 bytes, a 128-bit counter V, reseeding required after 2⁴⁸ requests.
/// </summary>
public sealed class CtrDrbg
{
    public const int SeedLength = 48;

    /// <summary>SP 800-90A's bound on one request: 2¹⁹ bits.</summary>
    public const int MaxRequestBytes = 1 << 16;

    private const int KeyLength = 32;
    private const int BlockSize = 16;
    private const ulong ReseedInterval = 1UL << 48;

    private readonly byte[] _v = new byte[BlockSize];
    private AesBlockCipher _cipher;
    private ulong _reseedCounter;

    /// <summary>Instantiate: seed material = entropy ⊕ personalization (both 48 bytes or less, the latter zero-padded).</summary>
    public CtrDrbg(ReadOnlySpan<byte> entropy, ReadOnlySpan<byte> personalization, Func<ReadOnlySpan<byte>, AesBlockCipher>? createCipher = null)
    {
        _createCipher = createCipher ?? (key => AesBlockCipher.Create(key));
        _cipher = _createCipher(new byte[KeyLength]);
        Update(SeedMaterial(entropy, personalization));
        _reseedCounter = 1;
    }

    private readonly Func<ReadOnlySpan<byte>, AesBlockCipher> _createCipher;

    public bool NeedsReseed => _reseedCounter > ReseedInterval;

    public void Reseed(ReadOnlySpan<byte> entropy, ReadOnlySpan<byte> additionalInput)
    {
        Update(SeedMaterial(entropy, additionalInput));
        _reseedCounter = 1;
    }

    /// <summary>Generate (§10.2.1.5.1); <paramref name="output"/> is at most <see cref="MaxRequestBytes"/>.</summary>
    public void Generate(Span<byte> output, ReadOnlySpan<byte> additionalInput = default)
    {
        if (output.Length > MaxRequestBytes)
            throw new ArgumentOutOfRangeException(nameof(output), "one CTR_DRBG request yields at most 64 KiB");
        if (NeedsReseed)
            throw new InvalidOperationException("the DRBG must be reseeded");
        Span<byte> additional = stackalloc byte[SeedLength];
        bool hasAdditional = !additionalInput.IsEmpty;
        if (hasAdditional)
        {
            SeedMaterial(additionalInput, default).CopyTo(additional);
            Update(additional);
        }
        else
        {
            additional.Clear();
        }
        Span<byte> block = stackalloc byte[BlockSize];
        while (output.Length > 0)
        {
            Increment(_v);
            _cipher.EncryptBlock(_v, block);
            int take = Math.Min(BlockSize, output.Length);
            block[..take].CopyTo(output);
            output = output[take..];
        }
        Update(additional);
        _reseedCounter++;
        CryptographicOperations.ZeroMemory(block);
    }

    /// <summary>CTR_DRBG_Update (§10.2.1.2): three blocks of key stream, XORed with the provided data, become the new Key ‖ V.</summary>
    private void Update(ReadOnlySpan<byte> providedData)
    {
        Span<byte> temp = stackalloc byte[SeedLength];
        for (int offset = 0; offset < SeedLength; offset += BlockSize)
        {
            Increment(_v);
            _cipher.EncryptBlock(_v, temp[offset..]);
        }
        for (int i = 0; i < SeedLength; i++)
            temp[i] ^= providedData[i];
        _cipher = _createCipher(temp[..KeyLength]);
        temp[KeyLength..].CopyTo(_v);
        CryptographicOperations.ZeroMemory(temp);
    }

    private static byte[] SeedMaterial(ReadOnlySpan<byte> entropy, ReadOnlySpan<byte> extra)
    {
        if (entropy.Length > SeedLength || extra.Length > SeedLength)
            throw new ArgumentException("CTR_DRBG without a derivation function takes at most 48 bytes of seed input");
        var material = new byte[SeedLength];
        entropy.CopyTo(material);
        for (int i = 0; i < extra.Length; i++)
            material[i] ^= extra[i];
        return material;
    }

    private static void Increment(Span<byte> counter)
    {
        for (int i = counter.Length - 1; i >= 0; i--)
        {
            if (++counter[i] != 0)
                break;
        }
    }
}
