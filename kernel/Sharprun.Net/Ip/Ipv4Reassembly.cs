using System.Buffers.Binary;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Ip;

/// <summary>
/// Puts IPv4 fragments back together (RFC 791, RFC 815): per datagram a bitmap of the 8-byte blocks received, a
/// 30-second timeout, and one memory bound over all datagrams in progress; the oldest is evicted to make room.
/// </summary>
internal sealed class Ipv4Reassembly
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxDatagrams = 64;
    public const ulong TimeoutNanoseconds = 30_000_000_000;

    // The payload is kept after room for the first fragment's header, which is put in front on completion.
    private const int HeaderRoom = 60;
    private const int MaxPayload = PacketBuffer.MaxIpPacket - Ipv4Header.MinimumLength;

    private readonly record struct Key(IpAddress Source, IpAddress Destination, ushort Identification, byte Protocol);

    private sealed class Datagram
    {
        public byte[] Data = [];
        public readonly ulong[] Blocks = new ulong[(MaxPayload + 7) / 8 / 64 + 1];
        public int BlocksReceived;
        public int TotalLength = -1;
        public byte[]? FirstHeader;
        public ulong Deadline;
    }

    private readonly Dictionary<Key, Datagram> _datagrams = [];
    private readonly List<Key> _expired = [];
    private int _bytes;

    public int BytesInUse => _bytes;

    public int DatagramsInProgress => _datagrams.Count;

    public ulong NextDeadline { get; private set; } = ulong.MaxValue;

    /// <summary>
    /// Adds one fragment (<paramref name="packet"/> is its whole IP packet); true with the reassembled packet, its
    /// first fragment's header in front, once the datagram is complete.
    /// </summary>
    public bool TryAdd(in Ipv4Header header, ReadOnlySpan<byte> packet, ulong now, NetworkStatistics statistics,
        out byte[] buffer, out int start, out int length)
    {
        buffer = [];
        start = length = 0;
        var payload = packet[header.HeaderLength..];
        int offset = header.FragmentOffset;
        int end = offset + payload.Length;
        if (payload.Length == 0 || end > MaxPayload || (header.HasMoreFragments && payload.Length % 8 != 0))
        {
            statistics.Drop(DropReason.ReassemblyMalformed);
            return false;
        }
        var key = new Key(header.Source, header.Destination, header.Identification, header.Protocol);
        if (!_datagrams.TryGetValue(key, out var datagram))
        {
            if (_datagrams.Count >= MaxDatagrams)
                EvictOldest(statistics);
            datagram = new Datagram { Deadline = now + TimeoutNanoseconds };
            _datagrams[key] = datagram;
            NextDeadline = Math.Min(NextDeadline, datagram.Deadline);
        }
        if (!header.HasMoreFragments)
        {
            if (datagram.TotalLength >= 0 && datagram.TotalLength != end)
            {
                Discard(key, datagram, statistics, DropReason.ReassemblyMalformed);
                return false;
            }
            datagram.TotalLength = end;
        }
        if (datagram.TotalLength >= 0 && end > datagram.TotalLength)
        {
            Discard(key, datagram, statistics, DropReason.ReassemblyMalformed);
            return false;
        }
        if (!Reserve(key, datagram, HeaderRoom + end, statistics))
            return false;
        payload.CopyTo(datagram.Data.AsSpan(HeaderRoom + offset));
        if (offset == 0)
            datagram.FirstHeader = packet[..header.HeaderLength].ToArray();
        for (int block = offset / 8; block < (end + 7) / 8; block++)
        {
            ulong bit = 1UL << (block & 63);
            if ((datagram.Blocks[block >> 6] & bit) == 0)
            {
                datagram.Blocks[block >> 6] |= bit;
                datagram.BlocksReceived++;
            }
        }
        if (datagram.TotalLength < 0 || datagram.FirstHeader is null || datagram.BlocksReceived != (datagram.TotalLength + 7) / 8)
            return false;

        _datagrams.Remove(key);
        _bytes -= datagram.Data.Length;
        byte[] first = datagram.FirstHeader;
        start = HeaderRoom - first.Length;
        length = first.Length + datagram.TotalLength;
        buffer = datagram.Data;
        first.CopyTo(buffer.AsSpan(start));
        var whole = buffer.AsSpan(start, first.Length);
        BinaryPrimitives.WriteUInt16BigEndian(whole[2..], (ushort)Math.Min(length, PacketBuffer.MaxIpPacket));
        BinaryPrimitives.WriteUInt16BigEndian(whole[6..], 0);
        whole[10] = whole[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(whole[10..], InternetChecksum.Finish(InternetChecksum.Add(0, whole)));
        return true;
    }

    public ulong RunTimers(ulong now, NetworkStatistics statistics)
    {
        if (now < NextDeadline)
            return NextDeadline;
        ulong next = ulong.MaxValue;
        _expired.Clear();
        foreach (var (key, datagram) in _datagrams)
        {
            if (now >= datagram.Deadline)
                _expired.Add(key);
            else
                next = Math.Min(next, datagram.Deadline);
        }
        foreach (var key in _expired)
            Discard(key, _datagrams[key], statistics, DropReason.ReassemblyTimeout);
        NextDeadline = next;
        return next;
    }

    private bool Reserve(Key key, Datagram datagram, int size, NetworkStatistics statistics)
    {
        if (datagram.Data.Length >= size)
            return true;
        int capacity = Math.Max(size, Math.Min(datagram.Data.Length * 2, HeaderRoom + MaxPayload));
        while (_bytes - datagram.Data.Length + capacity > MaxBytes && _datagrams.Count > 1)
            EvictOldest(statistics, except: key);
        if (_bytes - datagram.Data.Length + capacity > MaxBytes)
        {
            Discard(key, datagram, statistics, DropReason.ReassemblyOverflow);
            return false;
        }
        byte[] grown = new byte[capacity];
        datagram.Data.CopyTo(grown, 0);
        _bytes += capacity - datagram.Data.Length;
        datagram.Data = grown;
        return true;
    }

    private void EvictOldest(NetworkStatistics statistics, Key? except = null)
    {
        Key? oldest = null;
        ulong oldestDeadline = ulong.MaxValue;
        foreach (var (key, datagram) in _datagrams)
        {
            if (key != except && datagram.Deadline < oldestDeadline)
            {
                oldest = key;
                oldestDeadline = datagram.Deadline;
            }
        }
        if (oldest is { } victim)
            Discard(victim, _datagrams[victim], statistics, DropReason.ReassemblyOverflow);
    }

    private void Discard(Key key, Datagram datagram, NetworkStatistics statistics, DropReason reason)
    {
        _datagrams.Remove(key);
        _bytes -= datagram.Data.Length;
        statistics.Drop(reason);
    }
}
