namespace Sharprun.Net.Tcp;

/// <summary>
/// A byte ring that grows by doubling up to a limit, so idle connections stay small and busy ones stop allocating
/// once grown. Offsets are from the oldest byte; bytes may be written past <see cref="Count"/> (out-of-order data)
/// and taken in later with <see cref="Commit"/>.
/// </summary>
internal sealed class ByteRing
{
    private const int InitialCapacity = 4096;

    private byte[] _buffer = [];
    private int _head;

    public ByteRing(int limit) => Limit = limit;

    /// <summary>The most bytes the ring holds (its buffer size option).</summary>
    public int Limit { get; set; }

    public int Count { get; private set; }

    public int Free => Math.Max(0, Limit - Count);

    /// <summary>Appends as much of <paramref name="data"/> as fits; returns how many bytes.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        int n = Math.Min(data.Length, Free);
        WriteAt(Count, data[..n]);
        Count += n;
        return n;
    }

    /// <summary>Stores bytes at an offset from the oldest byte without counting them; offset + length must be within <see cref="Limit"/>.</summary>
    public void WriteAt(int offset, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return;
        EnsureCapacity(offset + data.Length);
        int start = (_head + offset) & (_buffer.Length - 1);
        int first = Math.Min(data.Length, _buffer.Length - start);
        data[..first].CopyTo(_buffer.AsSpan(start));
        data[first..].CopyTo(_buffer);
    }

    /// <summary>Counts <paramref name="length"/> more bytes written with <see cref="WriteAt"/> as held.</summary>
    public void Commit(int length) => Count += length;

    public void CopyTo(int offset, Span<byte> destination)
    {
        if (destination.IsEmpty)
            return;
        int start = (_head + offset) & (_buffer.Length - 1);
        int first = Math.Min(destination.Length, _buffer.Length - start);
        _buffer.AsSpan(start, first).CopyTo(destination);
        _buffer.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    public void Discard(int length)
    {
        Count -= length;
        if (length > 0)
            _head = (_head + length) & (_buffer.Length - 1);
    }

    /// <summary>Gives the memory back once the ring can hold nothing more (TIME-WAIT, closed).</summary>
    public void Release()
    {
        _buffer = [];
        _head = 0;
        Count = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length)
            return;
        int capacity = Math.Max(InitialCapacity, _buffer.Length);
        while (capacity < needed)
            capacity *= 2;
        var grown = new byte[capacity];
        // Everything up to the limit may hold out-of-order bytes, so the whole old ring moves, unwrapped.
        if (_buffer.Length > 0)
        {
            _buffer.AsSpan(_head).CopyTo(grown);
            _buffer.AsSpan(0, _head).CopyTo(grown.AsSpan(_buffer.Length - _head));
        }
        _buffer = grown;
        _head = 0;
    }
}
