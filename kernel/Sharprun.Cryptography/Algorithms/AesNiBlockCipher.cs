using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>AES with the AES-NI instructions: constant time, and several blocks in flight for counter mode.</summary>
public sealed class AesNiBlockCipher : AesBlockCipher
{
    private readonly Vector128<byte>[] _encryptKeys;
    private readonly Vector128<byte>[] _decryptKeys;
    private readonly int _rounds;

    public AesNiBlockCipher(ReadOnlySpan<byte> key)
    {
        if (!IsSupported)
            throw new PlatformNotSupportedException("this processor has no AES-NI");
        uint[] words = AesKeySchedule.Expand(key);
        _rounds = AesKeySchedule.Rounds(key.Length);
        KeySize = key.Length;
        _encryptKeys = new Vector128<byte>[_rounds + 1];
        Span<byte> roundKey = stackalloc byte[16];
        for (int round = 0; round <= _rounds; round++)
        {
            for (int column = 0; column < 4; column++)
                BinaryPrimitives.WriteUInt32BigEndian(roundKey[(4 * column)..], words[4 * round + column]);
            _encryptKeys[round] = Vector128.Create((ReadOnlySpan<byte>)roundKey);
        }
        _decryptKeys = new Vector128<byte>[_rounds + 1];
        _decryptKeys[0] = _encryptKeys[_rounds];
        for (int round = 1; round < _rounds; round++)
            _decryptKeys[round] = X86Aes.InverseMixColumns(_encryptKeys[_rounds - round]);
        _decryptKeys[_rounds] = _encryptKeys[0];
    }

    public static bool IsSupported => X86Aes.IsSupported && Sse2.IsSupported;

    public override int KeySize { get; }

    public override void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output) =>
        Encrypt(Vector128.Create(input[..BlockSize])).CopyTo(output);

    public override void DecryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var keys = _decryptKeys;
        var state = Sse2.Xor(Vector128.Create(input[..BlockSize]), keys[0]);
        for (int round = 1; round < _rounds; round++)
            state = X86Aes.Decrypt(state, keys[round]);
        X86Aes.DecryptLast(state, keys[_rounds]).CopyTo(output);
    }

    public override void CounterXorBlocks(Span<byte> counter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var keys = _encryptKeys;
        int offset = 0;
        Span<byte> counters = stackalloc byte[4 * BlockSize];
        for (; offset + 4 * BlockSize <= input.Length; offset += 4 * BlockSize)
        {
            for (int i = 0; i < 4; i++)
            {
                counter.CopyTo(counters[(i * BlockSize)..]);
                IncrementCounter32(counter);
            }
            var b0 = Sse2.Xor(Vector128.Create((ReadOnlySpan<byte>)counters), keys[0]);
            var b1 = Sse2.Xor(Vector128.Create((ReadOnlySpan<byte>)counters[16..]), keys[0]);
            var b2 = Sse2.Xor(Vector128.Create((ReadOnlySpan<byte>)counters[32..]), keys[0]);
            var b3 = Sse2.Xor(Vector128.Create((ReadOnlySpan<byte>)counters[48..]), keys[0]);
            for (int round = 1; round < _rounds; round++)
            {
                var k = keys[round];
                b0 = X86Aes.Encrypt(b0, k);
                b1 = X86Aes.Encrypt(b1, k);
                b2 = X86Aes.Encrypt(b2, k);
                b3 = X86Aes.Encrypt(b3, k);
            }
            var last = keys[_rounds];
            Sse2.Xor(X86Aes.EncryptLast(b0, last), Vector128.Create(input[offset..])).CopyTo(output[offset..]);
            Sse2.Xor(X86Aes.EncryptLast(b1, last), Vector128.Create(input[(offset + 16)..])).CopyTo(output[(offset + 16)..]);
            Sse2.Xor(X86Aes.EncryptLast(b2, last), Vector128.Create(input[(offset + 32)..])).CopyTo(output[(offset + 32)..]);
            Sse2.Xor(X86Aes.EncryptLast(b3, last), Vector128.Create(input[(offset + 48)..])).CopyTo(output[(offset + 48)..]);
        }
        for (; offset + BlockSize <= input.Length; offset += BlockSize)
        {
            var keyStream = Encrypt(Vector128.Create((ReadOnlySpan<byte>)counter));
            IncrementCounter32(counter);
            Sse2.Xor(keyStream, Vector128.Create(input[offset..])).CopyTo(output[offset..]);
        }
    }

    private Vector128<byte> Encrypt(Vector128<byte> block)
    {
        var keys = _encryptKeys;
        var state = Sse2.Xor(block, keys[0]);
        for (int round = 1; round < _rounds; round++)
            state = X86Aes.Encrypt(state, keys[round]);
        return X86Aes.EncryptLast(state, keys[_rounds]);
    }
}
