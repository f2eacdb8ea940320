using System.Security.Cryptography;
using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Evp;

/// <summary>
/// ECB and CBC with OpenSSL's block buffering: updates emit whole blocks, a partial block waits for the next
/// update, and with padding on the decryptor holds back the last block until Final strips the PKCS#7 padding.
/// (.NET turns padding off and pads in managed code; padding on is OpenSSL's default and kept correct.)
/// </summary>
public sealed class BlockModeContext : CipherContext
{
    private const int BlockSize = AesBlockCipher.BlockSize;

    private readonly byte[] _chain = new byte[BlockSize];
    private readonly byte[] _buffer = new byte[BlockSize];
    private int _buffered;
    private bool _padding = true;

    public BlockModeContext(CipherAlgorithm algorithm) : base(algorithm)
    {
    }

    public override int IvLength => Algorithm.Mode == CipherMode.Cbc ? BlockSize : 0;

    public override int MaxOutput(int inputLength) => inputLength + BlockSize;

    public override bool SetPadding(bool padding)
    {
        _padding = padding;
        return true;
    }

    protected override bool Restart(byte[]? iv)
    {
        if (iv is not null)
            iv.CopyTo(_chain, 0);
        else
            OriginalIv.CopyTo(_chain, 0);
        _buffered = 0;
        return true;
    }

    public override bool Update(ReadOnlySpan<byte> input, Span<byte> output, bool hasOutput, out int written)
    {
        written = 0;
        if (Cipher is null)
            return ErrorQueue.Fail(ErrorReason.NoKey);
        if (input.Length == 0)
            return true;
        // A decryptor with padding keeps one whole block back: it may be the last, whose padding Final removes.
        bool holdBack = !Encrypting && _padding;
        int total = _buffered + input.Length;
        int emit = total & ~(BlockSize - 1);
        if (holdBack && emit == total)
            emit -= BlockSize;
        if (output.Length < emit)
            return ErrorQueue.Fail(ErrorReason.OutputTooSmall);

        // Input is read block by block before that block's output is written, so an exactly in-place call works;
        // buffered bytes shift the blocks against the output, so then the input is copied first.
        if (_buffered > 0 && input.Overlaps(output))
            input = input.ToArray();
        Span<byte> block = stackalloc byte[BlockSize];
        int consumed = 0;
        while (written < emit)
        {
            int fromBuffer = _buffered;
            _buffer.AsSpan(0, fromBuffer).CopyTo(block);
            input.Slice(consumed, BlockSize - fromBuffer).CopyTo(block[fromBuffer..]);
            consumed += BlockSize - fromBuffer;
            _buffered = 0;
            Transform(block, output.Slice(written, BlockSize));
            written += BlockSize;
        }
        input[consumed..].CopyTo(_buffer.AsSpan(_buffered));
        _buffered += input.Length - consumed;
        return true;
    }

    public override bool Final(Span<byte> output, out int written)
    {
        written = 0;
        if (Cipher is null)
            return ErrorQueue.Fail(ErrorReason.NoKey);
        if (!_padding)
        {
            if (_buffered != 0)
                return ErrorQueue.Fail(ErrorReason.DataNotMultipleOfBlockLength);
            return true;
        }
        Span<byte> block = stackalloc byte[BlockSize];
        if (Encrypting)
        {
            if (output.Length < BlockSize)
                return ErrorQueue.Fail(ErrorReason.OutputTooSmall);
            byte pad = (byte)(BlockSize - _buffered);
            _buffer.AsSpan(0, _buffered).CopyTo(block);
            block[_buffered..].Fill(pad);
            Transform(block, output);
            written = BlockSize;
            _buffered = 0;
            return true;
        }
        if (_buffered != BlockSize)
            return ErrorQueue.Fail(ErrorReason.WrongFinalBlockLength);
        Transform(_buffer, block);
        _buffered = 0;
        int padLength = block[BlockSize - 1];
        bool valid = padLength is >= 1 and <= BlockSize;
        for (int i = 0; valid && i < padLength; i++)
            valid = block[BlockSize - 1 - i] == padLength;
        if (!valid)
        {
            CryptographicOperations.ZeroMemory(block);
            return ErrorQueue.Fail(ErrorReason.BadDecrypt);
        }
        if (output.Length < BlockSize - padLength)
            return ErrorQueue.Fail(ErrorReason.OutputTooSmall);
        block[..(BlockSize - padLength)].CopyTo(output);
        written = BlockSize - padLength;
        return true;
    }

    private void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var cipher = Cipher!;
        Span<byte> scratch = stackalloc byte[BlockSize];
        if (Algorithm.Mode == CipherMode.Ecb)
        {
            if (Encrypting)
                cipher.EncryptBlock(input, output);
            else
                cipher.DecryptBlock(input, output);
            return;
        }
        if (Encrypting)
        {
            for (int i = 0; i < BlockSize; i++)
                scratch[i] = (byte)(input[i] ^ _chain[i]);
            cipher.EncryptBlock(scratch, output);
            output[..BlockSize].CopyTo(_chain);
        }
        else
        {
            cipher.DecryptBlock(input, scratch);
            for (int i = 0; i < BlockSize; i++)
            {
                byte ciphertext = input[i];
                output[i] = (byte)(scratch[i] ^ _chain[i]);
                _chain[i] = ciphertext;
            }
        }
    }
}
