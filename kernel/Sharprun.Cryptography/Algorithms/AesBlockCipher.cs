namespace Sharprun.Cryptography.Algorithms;

/// <summary>AES on single 16-byte blocks with one expanded key; the modes of operation are built on it.</summary>
public abstract class AesBlockCipher
{
    public const int BlockSize = 16;

    /// <summary>AES-NI where the processor has it, the portable table implementation otherwise.</summary>
    public static AesBlockCipher Create(ReadOnlySpan<byte> key) =>
        AesNiBlockCipher.IsSupported ? new AesNiBlockCipher(key) : new PortableAesBlockCipher(key);

    public abstract int KeySize { get; }

    public abstract void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output);

    public abstract void DecryptBlock(ReadOnlySpan<byte> input, Span<byte> output);

    /// <summary>
    /// Counter mode over whole blocks: encrypts the counter block, increments its last four bytes (big-endian, as
    /// GCM and CCM count), and XORs the key stream into <paramref name="output"/>. Overridden to pipeline blocks.
    /// </summary>
    public virtual void CounterXorBlocks(Span<byte> counter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> keyStream = stackalloc byte[BlockSize];
        for (int offset = 0; offset + BlockSize <= input.Length; offset += BlockSize)
        {
            EncryptBlock(counter, keyStream);
            IncrementCounter32(counter);
            for (int i = 0; i < BlockSize; i++)
                output[offset + i] = (byte)(input[offset + i] ^ keyStream[i]);
        }
    }

    public static void IncrementCounter32(Span<byte> counter)
    {
        for (int i = BlockSize - 1; i >= BlockSize - 4; i--)
        {
            if (++counter[i] != 0)
                break;
        }
    }
}
