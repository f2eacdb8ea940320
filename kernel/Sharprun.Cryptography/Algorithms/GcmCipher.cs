using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>
/// AES-GCM (SP 800-38D), incremental like OpenSSL's: start with an IV, add associated data, then encrypt or
/// decrypt in pieces of any length, then compute the 16-byte tag.
/// </summary>
public sealed class GcmCipher
{
    private const int BlockSize = 16;

    private readonly AesBlockCipher _aes;
    private readonly GHash _ghash;
    private readonly byte[] _preCounter = new byte[BlockSize];
    private readonly byte[] _counter = new byte[BlockSize];
    private readonly byte[] _keyStream = new byte[BlockSize];
    private readonly byte[] _pending = new byte[BlockSize];
    private int _keyStreamUsed = BlockSize;
    private int _pendingLength;
    private ulong _aadLength;
    private ulong _textLength;
    private bool _textStarted;

    public GcmCipher(AesBlockCipher aes) : this(aes, null)
    {
    }

    /// <summary>With a given GHASH implementation (the tests compare both); null picks the fastest.</summary>
    public GcmCipher(AesBlockCipher aes, Func<byte[], GHash>? createGHash)
    {
        _aes = aes;
        var hashKey = new byte[BlockSize];
        aes.EncryptBlock(hashKey, hashKey);
        _ghash = createGHash is null ? GHash.Create(hashKey) : createGHash(hashKey);
    }

    /// <summary>Begins a message; J0 is IV ‖ 0³¹ ‖ 1 for a 12-byte IV, else GHASH of the padded IV and its length.</summary>
    public void Start(ReadOnlySpan<byte> iv)
    {
        if (iv.Length == 0)
            throw new ArgumentException("a GCM IV is not empty", nameof(iv));
        _ghash.Reset();
        if (iv.Length == 12)
        {
            iv.CopyTo(_preCounter);
            BinaryPrimitives.WriteUInt32BigEndian(_preCounter.AsSpan(12), 1);
        }
        else
        {
            int whole = iv.Length & ~(BlockSize - 1);
            _ghash.Update(iv[..whole]);
            Span<byte> block = stackalloc byte[BlockSize];
            if (whole < iv.Length)
            {
                block.Clear();
                iv[whole..].CopyTo(block);
                _ghash.Update(block);
            }
            block.Clear();
            BinaryPrimitives.WriteUInt64BigEndian(block[8..], (ulong)iv.Length * 8);
            _ghash.Update(block);
            _ghash.GetHash(_preCounter);
            _ghash.Reset();
        }
        _preCounter.CopyTo(_counter, 0);
        AesBlockCipher.IncrementCounter32(_counter);
        _keyStreamUsed = BlockSize;
        _pendingLength = 0;
        _aadLength = 0;
        _textLength = 0;
        _textStarted = false;
    }

    /// <summary>Associated data; false once encryption or decryption has begun.</summary>
    public bool AppendAssociatedData(ReadOnlySpan<byte> data)
    {
        if (_textStarted)
            return false;
        _aadLength += (ulong)data.Length;
        Absorb(data);
        return true;
    }

    public void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        BeginText(plaintext.Length);
        ApplyKeyStream(plaintext, ciphertext);
        Absorb(ciphertext[..plaintext.Length]);
    }

    public void Decrypt(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        BeginText(ciphertext.Length);
        Absorb(ciphertext);
        ApplyKeyStream(ciphertext, plaintext);
    }

    /// <summary>Writes the full 16-byte tag: E(K, J0) ⊕ GHASH(A ‖ C ‖ lengths).</summary>
    public void ComputeTag(Span<byte> tag)
    {
        FlushPending();
        Span<byte> lengths = stackalloc byte[BlockSize];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, _aadLength * 8);
        BinaryPrimitives.WriteUInt64BigEndian(lengths[8..], _textLength * 8);
        _ghash.Update(lengths);
        Span<byte> hash = stackalloc byte[BlockSize];
        _ghash.GetHash(hash);
        _aes.EncryptBlock(_preCounter, tag);
        for (int i = 0; i < BlockSize; i++)
            tag[i] ^= hash[i];
    }

    /// <summary>Compares the first <paramref name="expected"/>.Length bytes of the tag in constant time.</summary>
    public bool VerifyTag(ReadOnlySpan<byte> expected)
    {
        Span<byte> tag = stackalloc byte[BlockSize];
        ComputeTag(tag);
        return expected.Length is > 0 and <= BlockSize && CryptographicOperations.FixedTimeEquals(tag[..expected.Length], expected);
    }

    private void BeginText(int length)
    {
        if (!_textStarted)
        {
            FlushPending();
            _textStarted = true;
        }
        _textLength += (ulong)length;
    }

    private void ApplyKeyStream(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int offset = 0;
        while (_keyStreamUsed < BlockSize && offset < input.Length)
        {
            output[offset] = (byte)(input[offset] ^ _keyStream[_keyStreamUsed++]);
            offset++;
        }
        int whole = (input.Length - offset) & ~(BlockSize - 1);
        if (whole > 0)
        {
            _aes.CounterXorBlocks(_counter, input.Slice(offset, whole), output.Slice(offset, whole));
            offset += whole;
        }
        if (offset < input.Length)
        {
            _aes.EncryptBlock(_counter, _keyStream);
            AesBlockCipher.IncrementCounter32(_counter);
            _keyStreamUsed = 0;
            while (offset < input.Length)
            {
                output[offset] = (byte)(input[offset] ^ _keyStream[_keyStreamUsed++]);
                offset++;
            }
        }
    }

    private void Absorb(ReadOnlySpan<byte> data)
    {
        if (_pendingLength > 0)
        {
            int take = Math.Min(BlockSize - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < BlockSize)
                return;
            _ghash.Update(_pending);
            _pendingLength = 0;
        }
        int whole = data.Length & ~(BlockSize - 1);
        _ghash.Update(data[..whole]);
        data[whole..].CopyTo(_pending);
        _pendingLength = data.Length - whole;
    }

    private void FlushPending()
    {
        if (_pendingLength == 0)
            return;
        _pending.AsSpan(_pendingLength).Clear();
        _ghash.Update(_pending);
        _pendingLength = 0;
    }
}
