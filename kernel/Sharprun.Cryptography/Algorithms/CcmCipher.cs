using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>
/// AES-CCM (SP 800-38C, RFC 3610): CBC-MAC over B0, the length-prefixed associated data and the payload, then
/// counter mode for the payload and the tag. One shot, because B0 carries the payload's length.
/// </summary>
public static class CcmCipher
{
    private const int BlockSize = 16;

    public static bool IsValidNonceLength(int length) => length is >= 7 and <= 13;

    public static bool IsValidTagLength(int length) => length is >= 4 and <= 16 && length % 2 == 0;

    /// <summary>Whether a payload of <paramref name="length"/> bytes fits the 15 − nonce length bytes of B0's length field.</summary>
    public static bool FitsLengthField(int nonceLength, long length)
    {
        int lengthFieldSize = 15 - nonceLength;
        return lengthFieldSize >= 8 || length < 1L << (8 * lengthFieldSize);
    }

    public static void Seal(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        Validate(nonce, tag.Length, plaintext.Length);
        Span<byte> mac = stackalloc byte[BlockSize];
        CbcMac(aes, nonce, associatedData, plaintext, tag.Length, mac);
        Transform(aes, nonce, plaintext, ciphertext, mac[..tag.Length], tag);
    }

    /// <summary>Decrypts and checks the tag; on a mismatch the plaintext is zeroed and false returned.</summary>
    public static bool Open(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        Validate(nonce, tag.Length, ciphertext.Length);
        Span<byte> expected = stackalloc byte[BlockSize];
        Span<byte> encryptedTag = stackalloc byte[BlockSize];
        tag.CopyTo(encryptedTag);
        Transform(aes, nonce, ciphertext, plaintext, encryptedTag[..tag.Length], expected[..tag.Length]);
        Span<byte> mac = stackalloc byte[BlockSize];
        CbcMac(aes, nonce, associatedData, plaintext[..ciphertext.Length], tag.Length, mac);
        if (CryptographicOperations.FixedTimeEquals(mac[..tag.Length], expected[..tag.Length]))
            return true;
        CryptographicOperations.ZeroMemory(plaintext[..ciphertext.Length]);
        return false;
    }

    private static void Validate(ReadOnlySpan<byte> nonce, int tagLength, int payloadLength)
    {
        if (!IsValidNonceLength(nonce.Length))
            throw new ArgumentException("a CCM nonce is 7 to 13 bytes", nameof(nonce));
        if (!IsValidTagLength(tagLength))
            throw new ArgumentException("a CCM tag is 4 to 16 bytes, even", nameof(tagLength));
        if (!FitsLengthField(nonce.Length, payloadLength))
            throw new ArgumentException("the payload is too long for this nonce length", nameof(payloadLength));
    }

    private static void CbcMac(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> payload, int tagLength, Span<byte> mac)
    {
        int lengthFieldSize = 15 - nonce.Length;
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        block[0] = (byte)((associatedData.Length > 0 ? 0x40 : 0) | (((tagLength - 2) / 2) << 3) | (lengthFieldSize - 1));
        nonce.CopyTo(block[1..]);
        ulong length = (ulong)payload.Length;
        for (int i = 15; i > nonce.Length; i--, length >>= 8)
            block[i] = (byte)length;
        aes.EncryptBlock(block, mac);

        if (associatedData.Length > 0)
        {
            Span<byte> prefix = stackalloc byte[10];
            int prefixLength;
            if (associatedData.Length < 0xff00)
            {
                BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)associatedData.Length);
                prefixLength = 2;
            }
            else
            {
                prefix[0] = 0xff;
                prefix[1] = 0xfe;
                BinaryPrimitives.WriteUInt32BigEndian(prefix[2..], (uint)associatedData.Length);
                prefixLength = 6;
            }
            var chain = new MacChain(aes, mac);
            chain.Absorb(prefix[..prefixLength]);
            chain.Absorb(associatedData);
            chain.Pad();
        }
        var payloadChain = new MacChain(aes, mac);
        payloadChain.Absorb(payload);
        payloadChain.Pad();
    }

    /// <summary>Counter mode from A1 over the payload; A0's key stream turns the MAC into the tag (and back).</summary>
    private static void Transform(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, Span<byte> output,
        ReadOnlySpan<byte> tagIn, Span<byte> tagOut)
    {
        Span<byte> counter = stackalloc byte[BlockSize];
        counter.Clear();
        counter[0] = (byte)(14 - nonce.Length);
        nonce.CopyTo(counter[1..]);
        Span<byte> keyStream = stackalloc byte[BlockSize];
        aes.EncryptBlock(counter, keyStream);
        for (int i = 0; i < tagIn.Length; i++)
            tagOut[i] = (byte)(tagIn[i] ^ keyStream[i]);
        for (int offset = 0; offset < input.Length; offset += BlockSize)
        {
            Increment(counter, nonce.Length);
            aes.EncryptBlock(counter, keyStream);
            int count = Math.Min(BlockSize, input.Length - offset);
            for (int i = 0; i < count; i++)
                output[offset + i] = (byte)(input[offset + i] ^ keyStream[i]);
        }
    }

    private static void Increment(Span<byte> counter, int nonceLength)
    {
        for (int i = BlockSize - 1; i > nonceLength; i--)
        {
            if (++counter[i] != 0)
                break;
        }
    }

    /// <summary>CBC-MAC over a byte stream, zero-padded to a block at the end of each part.</summary>
    private ref struct MacChain(AesBlockCipher aes, Span<byte> mac)
    {
        private readonly Span<byte> _mac = mac;
        private int _filled;

        public void Absorb(scoped ReadOnlySpan<byte> data)
        {
            foreach (byte value in data)
            {
                _mac[_filled++] ^= value;
                if (_filled == BlockSize)
                {
                    aes.EncryptBlock(_mac, _mac);
                    _filled = 0;
                }
            }
        }

        public void Pad()
        {
            if (_filled > 0)
                aes.EncryptBlock(_mac, _mac);
            _filled = 0;
        }
    }
}
