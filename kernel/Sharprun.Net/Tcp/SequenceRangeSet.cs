namespace Sharprun.Net.Tcp;

/// <summary>
/// Disjoint, sorted ranges [start, end) of sequence space, bounded in number: out-of-order data a receiver holds,
/// or what a peer's SACK blocks reported. Touching ranges merge.
/// </summary>
internal sealed class SequenceRangeSet
{
    private readonly int _capacity;
    // Allocated on first use: most connections never see loss or reordering.
    private uint[] _starts = [];
    private uint[] _ends = [];

    public SequenceRangeSet(int capacity) => _capacity = capacity;

    public int Count { get; private set; }

    /// <summary>The start of the range the last <see cref="TryAdd"/> produced.</summary>
    public uint RecentStart { get; private set; }

    public uint Start(int index) => _starts[index];

    public uint End(int index) => _ends[index];

    /// <summary>Adds a range, merging; false when it touches none and the set is full.</summary>
    public bool TryAdd(uint start, uint end)
    {
        int first = 0;
        while (first < Count && SequenceNumber.Less(_ends[first], start))
            first++;
        int last = first;
        while (last < Count && SequenceNumber.LessOrEqual(_starts[last], end))
            last++;
        if (first == last)
        {
            if (Count == _capacity)
                return false;
            if (_starts.Length == 0)
            {
                _starts = new uint[_capacity];
                _ends = new uint[_capacity];
            }
            Array.Copy(_starts, first, _starts, first + 1, Count - first);
            Array.Copy(_ends, first, _ends, first + 1, Count - first);
            _starts[first] = start;
            _ends[first] = end;
            Count++;
        }
        else
        {
            _starts[first] = SequenceNumber.Min(start, _starts[first]);
            _ends[first] = SequenceNumber.Max(end, _ends[last - 1]);
            int removed = last - first - 1;
            if (removed > 0)
            {
                Array.Copy(_starts, last, _starts, first + 1, Count - last);
                Array.Copy(_ends, last, _ends, first + 1, Count - last);
                Count -= removed;
            }
        }
        RecentStart = _starts[first];
        return true;
    }

    public void RemoveFirst()
    {
        Array.Copy(_starts, 1, _starts, 0, Count - 1);
        Array.Copy(_ends, 1, _ends, 0, Count - 1);
        Count--;
    }

    /// <summary>Forgets everything below <paramref name="sequence"/>.</summary>
    public void RemoveBelow(uint sequence)
    {
        while (Count > 0 && SequenceNumber.LessOrEqual(_ends[0], sequence))
            RemoveFirst();
        if (Count > 0 && SequenceNumber.Less(_starts[0], sequence))
            _starts[0] = sequence;
    }

    /// <summary>When <paramref name="sequence"/> is inside a range, that range's end.</summary>
    public bool Contains(uint sequence, out uint end)
    {
        for (int i = 0; i < Count; i++)
        {
            if (SequenceNumber.Less(sequence, _starts[i]))
                break;
            if (SequenceNumber.Less(sequence, _ends[i]))
            {
                end = _ends[i];
                return true;
            }
        }
        end = 0;
        return false;
    }

    /// <summary>The first range start above <paramref name="sequence"/>, or false.</summary>
    public bool NextStartAfter(uint sequence, out uint start)
    {
        for (int i = 0; i < Count; i++)
        {
            if (SequenceNumber.Greater(_starts[i], sequence))
            {
                start = _starts[i];
                return true;
            }
        }
        start = 0;
        return false;
    }

    /// <summary>Bytes of the ranges inside [from, to).</summary>
    public uint CoveredBetween(uint from, uint to)
    {
        uint total = 0;
        for (int i = 0; i < Count; i++)
        {
            uint start = SequenceNumber.Max(_starts[i], from);
            uint end = SequenceNumber.Min(_ends[i], to);
            if (SequenceNumber.Less(start, end))
                total += end - start;
        }
        return total;
    }

    public uint TotalLength()
    {
        uint total = 0;
        for (int i = 0; i < Count; i++)
            total += _ends[i] - _starts[i];
        return total;
    }

    public void Clear() => Count = 0;
}
