namespace Sharprun.Net.Tcp;

/// <summary>
/// Received bytes: the in-order bytes the application has not read, and past them, in the same ring, out-of-order
/// bytes waiting for a hole to fill. Out-of-order ranges are kept as sequence numbers, bounded in number; their
/// bytes are bounded by the window, which is the ring's free space.
/// </summary>
internal sealed class ReceiveBuffer
{
    private readonly ByteRing _ring;
    private readonly SequenceRangeSet _outOfOrder;

    public ReceiveBuffer(int limit, int maximumRanges)
    {
        _ring = new ByteRing(limit);
        _outOfOrder = new SequenceRangeSet(maximumRanges);
    }

    public int Limit
    {
        get => _ring.Limit;
        set => _ring.Limit = value;
    }

    /// <summary>In-order bytes ready to read.</summary>
    public int Count => _ring.Count;

    /// <summary>The receive window: sequence space past the next expected byte that may be held.</summary>
    public int Window => _ring.Free;

    public bool HasOutOfOrder => _outOfOrder.Count > 0;

    /// <summary>
    /// Takes a segment's payload that starts at <paramref name="sequence"/> when <paramref name="expected"/> is the
    /// next in-order byte; bytes outside the window are dropped. Returns how far the in-order edge advanced.
    /// </summary>
    public uint Receive(uint expected, uint sequence, ReadOnlySpan<byte> data)
    {
        if (SequenceNumber.Less(sequence, expected))
        {
            uint old = expected - sequence;
            if (old >= (uint)data.Length)
                return 0;
            data = data[(int)old..];
            sequence = expected;
        }
        uint offset = sequence - expected;
        uint window = (uint)Window;
        if (offset >= window)
            return 0;
        if (data.Length > window - offset)
            data = data[..(int)(window - offset)];
        if (data.IsEmpty)
            return 0;
        uint end = sequence + (uint)data.Length;

        if (offset == 0)
        {
            _ring.WriteAt(_ring.Count, data);
            while (_outOfOrder.Count > 0 && SequenceNumber.LessOrEqual(_outOfOrder.Start(0), end))
            {
                end = SequenceNumber.Max(end, _outOfOrder.End(0));
                _outOfOrder.RemoveFirst();
            }
            uint advance = end - expected;
            _ring.Commit((int)advance);
            return advance;
        }

        if (!_outOfOrder.TryAdd(sequence, end))
            return 0;
        _ring.WriteAt(_ring.Count + (int)offset, data);
        return 0;
    }

    /// <summary>Gives the memory back; held and out-of-order bytes are forgotten.</summary>
    public void Release()
    {
        _ring.Release();
        _outOfOrder.Clear();
    }

    public int Read(Span<byte> destination, bool peek)
    {
        int n = Math.Min(destination.Length, _ring.Count);
        _ring.CopyTo(0, destination[..n]);
        if (!peek)
            _ring.Discard(n);
        return n;
    }

    /// <summary>Writes SACK block edges for the held out-of-order ranges, the most recently changed first (RFC 2018 §4); returns the block count.</summary>
    public int WriteSackEdges(Span<uint> edges)
    {
        int ranges = _outOfOrder.Count;
        int max = Math.Min(edges.Length / 2, ranges);
        if (max == 0)
            return 0;
        int blocks = 0;
        int recent = -1;
        for (int i = 0; i < ranges; i++)
        {
            if (_outOfOrder.Start(i) == _outOfOrder.RecentStart)
            {
                recent = i;
                edges[0] = _outOfOrder.Start(i);
                edges[1] = _outOfOrder.End(i);
                blocks = 1;
                break;
            }
        }
        // The rest from the highest down: those are what a sender most likely lacks news of.
        for (int i = ranges - 1; i >= 0 && blocks < max; i--)
        {
            if (i == recent)
                continue;
            edges[blocks * 2] = _outOfOrder.Start(i);
            edges[blocks * 2 + 1] = _outOfOrder.End(i);
            blocks++;
        }
        return blocks;
    }
}
