using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Evp;

/// <summary>
/// CFB8 and CFB128 (SP 800-38A §6.3) as OpenSSL runs them: stream ciphers of any length, CFB128 carrying its
/// position within the current key-stream block from one update to the next. Final adds nothing.
/// </summary>
public sealed class FeedbackModeContext : CipherContext
{
    private const int BlockSize = AesBlockCipher.BlockSize;

    private readonly byte[] _register = new byte[BlockSize];
    private readonly byte[] _keyStream = new byte[BlockSize];
    private int _position;

    public FeedbackModeContext(CipherAlgorithm algorithm) : base(algorithm)
    {
    }

    public override int IvLength => BlockSize;

    protected override bool Restart(byte[]? iv)
    {
        (iv ?? OriginalIv).CopyTo(_register, 0);
        _position = 0;
        return true;
    }

    public override bool Update(ReadOnlySpan<byte> input, Span<byte> output, bool hasOutput, out int written)
    {
        written = 0;
        var cipher = Cipher;
        if (cipher is null)
            return ErrorQueue.Fail(ErrorReason.NoKey);
        if (output.Length < input.Length)
            return ErrorQueue.Fail(ErrorReason.OutputTooSmall);
        if (Algorithm.Mode == CipherMode.Cfb8)
        {
            for (int i = 0; i < input.Length; i++)
            {
                cipher.EncryptBlock(_register, _keyStream);
                byte inByte = input[i];
                byte outByte = (byte)(inByte ^ _keyStream[0]);
                output[i] = outByte;
                _register.AsSpan(1).CopyTo(_register);
                _register[BlockSize - 1] = Encrypting ? outByte : inByte;
            }
        }
        else
        {
            for (int i = 0; i < input.Length; i++)
            {
                if (_position == 0)
                    cipher.EncryptBlock(_register, _keyStream);
                byte inByte = input[i];
                byte outByte = (byte)(inByte ^ _keyStream[_position]);
                output[i] = outByte;
                _register[_position] = Encrypting ? outByte : inByte;
                _position = (_position + 1) % BlockSize;
            }
        }
        written = input.Length;
        return true;
    }

    public override bool Final(Span<byte> output, out int written)
    {
        written = 0;
        return Cipher is not null || ErrorQueue.Fail(ErrorReason.NoKey);
    }
}
