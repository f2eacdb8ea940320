using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Evp;

/// <summary>
/// OpenSSL's EVP_CIPHER_CTX for one AES mode: a key and IV given together or separately (null keeps the current
/// one), a direction, updates and a final step. Every operation reports failure by returning false and putting
/// the reason on the <see cref="ErrorQueue"/>, never by throwing, because its callers are native entry points.
/// </summary>
public abstract class CipherContext
{
    private byte[]? _key;

    protected CipherContext(CipherAlgorithm algorithm)
    {
        Algorithm = algorithm;
    }

    public CipherAlgorithm Algorithm { get; }

    protected AesBlockCipher? Cipher { get; private set; }

    protected bool Encrypting { get; private set; } = true;

    /// <summary>The IV that <see cref="Reset"/> returns to when given none.</summary>
    protected byte[] OriginalIv { get; private set; } = [];

    /// <summary>EVP_CipherInit_ex: a null key or IV keeps the current one, a negative direction keeps the current direction.</summary>
    public bool SetKeyAndIv(ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> iv, bool hasIv, int direction)
    {
        if (direction >= 0)
            Encrypting = direction != 0;
        if (hasKey)
        {
            if (key.Length != Algorithm.KeySize)
                return ErrorQueue.Fail(ErrorReason.InvalidKeyLength);
            _key = key.ToArray();
            Cipher = AesBlockCipher.Create(_key);
        }
        if (hasIv)
        {
            if (iv.Length < IvLength)
                return ErrorQueue.Fail(ErrorReason.InvalidIvLength);
            OriginalIv = iv[..IvLength].ToArray();
        }
        if (Cipher is null)
            return true;
        return Restart(hasIv ? OriginalIv : null);
    }

    /// <summary>EVP_CipherInit_ex with only an IV: the same key and direction, a new message.</summary>
    public bool Reset(ReadOnlySpan<byte> iv, bool hasIv)
    {
        if (hasIv)
        {
            if (iv.Length < IvLength)
                return ErrorQueue.Fail(ErrorReason.InvalidIvLength);
            OriginalIv = iv[..IvLength].ToArray();
        }
        return Cipher is null ? ErrorQueue.Fail(ErrorReason.NoKey) : Restart(OriginalIv);
    }

    /// <summary>The IV (or nonce) length this mode takes.</summary>
    public abstract int IvLength { get; }

    /// <summary>Begins a message with the key set; <paramref name="iv"/> is null when the IV did not change.</summary>
    protected abstract bool Restart(byte[]? iv);

    /// <summary>
    /// EVP_CipherUpdate. <paramref name="hasOutput"/> says whether the caller passed an output pointer: the AEAD
    /// modes take an update without one as associated data.
    /// </summary>
    public abstract bool Update(ReadOnlySpan<byte> input, Span<byte> output, bool hasOutput, out int written);

    /// <summary>
    /// An update with neither input nor output: in CCM the payload's length, declared before the associated data;
    /// elsewhere only an empty update (AesGcm passes null spans for an empty message), which does nothing.
    /// </summary>
    public virtual bool DeclareInputLength(int length) => length == 0 || ErrorQueue.Fail(ErrorReason.UnsupportedOperation);

    /// <summary>The output space one update of <paramref name="inputLength"/> bytes may need.</summary>
    public virtual int MaxOutput(int inputLength) => inputLength;

    public abstract bool Final(Span<byte> output, out int written);

    public virtual bool SetPadding(bool padding) => true;

    public virtual bool SetNonceLength(CipherMode mode, int length) => ErrorQueue.Fail(ErrorReason.UnsupportedOperation);

    public virtual bool GetTag(CipherMode mode, Span<byte> tag) => ErrorQueue.Fail(ErrorReason.UnsupportedOperation);

    /// <summary>Sets the expected tag (decryption) or, for CCM with no tag, only its length.</summary>
    public virtual bool SetTag(CipherMode mode, ReadOnlySpan<byte> tag, bool hasTag, int length) => ErrorQueue.Fail(ErrorReason.UnsupportedOperation);
}
