using System.Security.Cryptography;
using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Evp;

/// <summary>
/// AES-GCM as OpenSSL drives it: the nonce length set before the IV, associated data as updates with a null
/// output, the expected tag set before Final when decrypting, Final failing on a mismatch, the tag read after.
/// </summary>
public sealed class GcmContext : CipherContext
{
    private GcmCipher? _gcm;
    private int _ivLength = 12;
    private byte[]? _expectedTag;
    private readonly byte[] _tag = new byte[16];
    private bool _started;

    public GcmContext(CipherAlgorithm algorithm) : base(algorithm)
    {
    }

    public override int IvLength => _ivLength;

    public override bool SetNonceLength(CipherMode mode, int length)
    {
        if (mode != CipherMode.Gcm || length <= 0)
            return ErrorQueue.Fail(ErrorReason.InvalidIvLength);
        _ivLength = length;
        return true;
    }

    protected override bool Restart(byte[]? iv)
    {
        _gcm = new GcmCipher(Cipher!);
        _started = false;
        byte[]? startIv = iv ?? (OriginalIv.Length == _ivLength ? OriginalIv : null);
        if (startIv is null)
            return true;
        _gcm.Start(startIv);
        _started = true;
        _expectedTag = null;
        return true;
    }

    public override bool Update(ReadOnlySpan<byte> input, Span<byte> output, bool hasOutput, out int written)
    {
        written = 0;
        if (_gcm is null || !_started)
            return ErrorQueue.Fail(ErrorReason.NoIv);
        if (!hasOutput)
            return _gcm.AppendAssociatedData(input) || ErrorQueue.Fail(ErrorReason.UnsupportedOperation);
        if (output.Length < input.Length)
            return ErrorQueue.Fail(ErrorReason.OutputTooSmall);
        if (Encrypting)
            _gcm.Encrypt(input, output);
        else
            _gcm.Decrypt(input, output);
        written = input.Length;
        return true;
    }

    public override bool Final(Span<byte> output, out int written)
    {
        written = 0;
        if (_gcm is null || !_started)
            return ErrorQueue.Fail(ErrorReason.NoIv);
        _started = false;
        if (Encrypting)
        {
            _gcm.ComputeTag(_tag);
            return true;
        }
        if (_expectedTag is null)
            return ErrorQueue.Fail(ErrorReason.NoTag);
        return _gcm.VerifyTag(_expectedTag);
    }

    public override bool GetTag(CipherMode mode, Span<byte> tag)
    {
        if (mode != CipherMode.Gcm || !Encrypting || tag.Length is <= 0 or > 16)
            return ErrorQueue.Fail(ErrorReason.InvalidTag);
        _tag.AsSpan(0, tag.Length).CopyTo(tag);
        return true;
    }

    public override bool SetTag(CipherMode mode, ReadOnlySpan<byte> tag, bool hasTag, int length)
    {
        if (mode != CipherMode.Gcm || !hasTag || Encrypting || tag.Length is <= 0 or > 16)
            return ErrorQueue.Fail(ErrorReason.InvalidTag);
        _expectedTag = tag.ToArray();
        CryptographicOperations.ZeroMemory(_tag);
        return true;
    }
}
