using System.Buffers.Binary;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>
/// The Merkle–Damgård part shared by MD5 and SHA-1/2: buffering into blocks, the message length, and the final
/// padding (0x80, zeros, the length in bits in the last 8 or 16 bytes of the block).
/// </summary>
public abstract class BlockDigest : Digest
{
    private byte[] _buffer;
    private int _buffered;
    private ulong _length;

    protected BlockDigest(int blockSize)
    {
        _buffer = new byte[blockSize];
    }

    public sealed override int BlockSize => _buffer.Length;

    /// <summary>Whether the length is written big-endian (SHA) or little-endian (MD5).</summary>
    protected abstract bool BigEndianLength { get; }

    protected abstract void Compress(ReadOnlySpan<byte> block);

    protected abstract void InitializeState();

    protected abstract void WriteState(Span<byte> destination);

    /// <summary>Copies the subclass's state arrays so that a clone does not share them.</summary>
    protected abstract void CopyStateInto(BlockDigest clone);

    public sealed override void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        int blockSize = _buffer.Length;
        if (_buffered > 0)
        {
            int take = Math.Min(blockSize - _buffered, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            data = data[take..];
            if (_buffered < blockSize)
                return;
            Compress(_buffer);
            _buffered = 0;
        }
        while (data.Length >= blockSize)
        {
            Compress(data[..blockSize]);
            data = data[blockSize..];
        }
        data.CopyTo(_buffer);
        _buffered = data.Length;
    }

    public sealed override void Finish(Span<byte> destination)
    {
        int blockSize = _buffer.Length;
        int lengthSize = blockSize == 128 ? 16 : 8;
        ulong bits = _length << 3;
        _buffer[_buffered++] = 0x80;
        if (_buffered > blockSize - lengthSize)
        {
            _buffer.AsSpan(_buffered).Clear();
            Compress(_buffer);
            _buffered = 0;
        }
        _buffer.AsSpan(_buffered, blockSize - _buffered).Clear();
        // The high word of SHA-384/512's 128-bit length: the top bits of a byte count held in 64 bits.
        if (lengthSize == 16)
            BinaryPrimitives.WriteUInt64BigEndian(_buffer.AsSpan(blockSize - 16), _length >> 61);
        if (BigEndianLength)
            BinaryPrimitives.WriteUInt64BigEndian(_buffer.AsSpan(blockSize - 8), bits);
        else
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(blockSize - 8), bits);
        Compress(_buffer);
        _buffered = 0;
        WriteState(destination[..HashSize]);
    }

    public sealed override void Reset()
    {
        _buffered = 0;
        _length = 0;
        Array.Clear(_buffer);
        InitializeState();
    }

    public sealed override Digest Clone()
    {
        var clone = (BlockDigest)MemberwiseClone();
        clone._buffer = (byte[])_buffer.Clone();
        CopyStateInto(clone);
        return clone;
    }
}
