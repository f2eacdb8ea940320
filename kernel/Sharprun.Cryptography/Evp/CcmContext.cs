using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Evp;

/// <summary>
/// AES-CCM as OpenSSL drives it: tag and nonce lengths first, then key and nonce; an update with null input and
/// output declares the payload length, one with a null output gives the associated data, and the payload comes
/// in a single update (OpenSSL's rule: an update with null input and output is the declaration, so an empty payload
/// given with null pointers is one too, and its tag is produced by Final), which when decrypting also checks the tag and fails on a mismatch.
/// </summary>
public sealed class CcmContext : CipherContext
{
    private int _nonceLength = 12;
    private int _tagLength = 12;
    private byte[]? _nonce;
    private byte[]? _expectedTag;
    private byte[] _associatedData = [];
    private readonly byte[] _tag = new byte[16];
    private long _declaredLength = -1;
    private bool _payloadDone;

    public CcmContext(CipherAlgorithm algorithm) : base(algorithm)
    {
    }

    public override int IvLength => _nonceLength;

    public override bool SetNonceLength(CipherMode mode, int length)
    {
        if (mode != CipherMode.Ccm || !CcmCipher.IsValidNonceLength(length))
            return ErrorQueue.Fail(ErrorReason.InvalidIvLength);
        _nonceLength = length;
        return true;
    }

    protected override bool Restart(byte[]? iv)
    {
        if (iv is not null)
            _nonce = iv;
        _associatedData = [];
        _declaredLength = -1;
        _payloadDone = false;
        return true;
    }

    public override bool Update(ReadOnlySpan<byte> input, Span<byte> output, bool hasOutput, out int written)
    {
        written = 0;
        if (Cipher is null || _nonce is null)
            return ErrorQueue.Fail(ErrorReason.NoIv);
        if (!hasOutput)
        {
            if (_payloadDone)
                return ErrorQueue.Fail(ErrorReason.UnsupportedOperation);
            _associatedData = [.. _associatedData, .. input];
            return true;
        }
        if (_payloadDone || (_declaredLength >= 0 && _declaredLength != input.Length))
            return ErrorQueue.Fail(ErrorReason.UnsupportedOperation);
        if (output.Length < input.Length)
            return ErrorQueue.Fail(ErrorReason.OutputTooSmall);
        if (!CcmCipher.FitsLengthField(_nonceLength, input.Length))
            return ErrorQueue.Fail(ErrorReason.UnsupportedOperation);
        _payloadDone = true;
        if (Encrypting)
        {
            CcmCipher.Seal(Cipher, _nonce, _associatedData, input, output, _tag.AsSpan(0, _tagLength));
            written = input.Length;
            return true;
        }
        if (_expectedTag is null)
            return ErrorQueue.Fail(ErrorReason.NoTag);
        if (!CcmCipher.Open(Cipher, _nonce, _associatedData, input, _expectedTag, output))
            return ErrorQueue.Fail(ErrorReason.BadDecrypt);
        written = input.Length;
        return true;
    }

    public override bool DeclareInputLength(int length)
    {
        if (length < 0 || _payloadDone)
            return ErrorQueue.Fail(ErrorReason.InvalidArgument);
        _declaredLength = length;
        return true;
    }

    /// <summary>Encrypting an empty payload that never came as an update still yields its tag here.</summary>
    public override bool Final(Span<byte> output, out int written)
    {
        written = 0;
        if (Cipher is null || _nonce is null)
            return ErrorQueue.Fail(ErrorReason.NoIv);
        if (!_payloadDone && Encrypting)
        {
            CcmCipher.Seal(Cipher, _nonce, _associatedData, [], [], _tag.AsSpan(0, _tagLength));
            _payloadDone = true;
        }
        return _payloadDone || ErrorQueue.Fail(ErrorReason.NoTag);
    }

    public override bool GetTag(CipherMode mode, Span<byte> tag)
    {
        if (mode != CipherMode.Ccm || !Encrypting || !_payloadDone || tag.Length != _tagLength)
            return ErrorQueue.Fail(ErrorReason.InvalidTag);
        _tag.AsSpan(0, _tagLength).CopyTo(tag);
        return true;
    }

    public override bool SetTag(CipherMode mode, ReadOnlySpan<byte> tag, bool hasTag, int length)
    {
        if (mode != CipherMode.Ccm || !CcmCipher.IsValidTagLength(length))
            return ErrorQueue.Fail(ErrorReason.InvalidTag);
        if (hasTag && Encrypting && Cipher is not null)
            return ErrorQueue.Fail(ErrorReason.InvalidTag);
        _tagLength = length;
        _expectedTag = hasTag ? tag[..length].ToArray() : null;
        return true;
    }
}
