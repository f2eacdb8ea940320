using Sharprun.Net.Addressing;
using Sharprun.Net.Links;

namespace Sharprun.Net.Neighbours;

/// <summary>What <see cref="NeighbourCache.Enqueue"/> did with a frame for an unresolved neighbour.</summary>
internal enum NeighbourQueueing
{
    Queued,
    /// <summary>Queued for a neighbour not asked about yet: the caller sends the first solicitation.</summary>
    QueuedAndSolicit,
    Dropped,
}

/// <summary>
/// The IP-to-Ethernet mapping of one interface, for ARP and NDP alike: resolved entries expire, unresolved ones hold
/// a bounded queue of frames and are solicited again a few times before their frames are dropped.
/// </summary>
internal sealed class NeighbourCache
{
    public const int Capacity = 256;
    // Enough for a 64 KiB datagram fragmented for a 1500-byte link, sent before its next hop is resolved.
    public const int PendingPerNeighbour = 64;
    public const int MaxSolicitations = 3;
    public const ulong ReachableNanoseconds = 60_000_000_000;
    public const ulong RetransmitNanoseconds = 1_000_000_000;

    private sealed class Entry
    {
        public MacAddress Mac;
        public bool Resolved;
        public ulong Deadline;
        public int Solicitations;
        public Queue<byte[]>? Pending;
    }

    private readonly Dictionary<IpAddress, Entry> _entries = [];
    private readonly List<IpAddress> _expired = [];

    public int Count => _entries.Count;

    public ulong NextDeadline { get; private set; } = ulong.MaxValue;

    public bool TryLookup(IpAddress address, ulong now, out MacAddress mac)
    {
        if (_entries.TryGetValue(address, out var entry) && entry.Resolved && now < entry.Deadline)
        {
            mac = entry.Mac;
            return true;
        }
        mac = default;
        return false;
    }

    /// <summary>Holds a copy of <paramref name="frame"/> until <paramref name="address"/> is resolved.</summary>
    public NeighbourQueueing Enqueue(IpAddress address, ReadOnlySpan<byte> frame, ulong now)
    {
        if (!_entries.TryGetValue(address, out var entry) || entry.Resolved)
        {
            if (entry is null && _entries.Count >= Capacity)
                EvictOne();
            entry ??= new Entry();
            entry.Resolved = false;
            entry.Solicitations = 1;
            entry.Deadline = now + RetransmitNanoseconds;
            entry.Pending = new Queue<byte[]>();
            entry.Pending.Enqueue(frame.ToArray());
            _entries[address] = entry;
            NextDeadline = Math.Min(NextDeadline, entry.Deadline);
            return NeighbourQueueing.QueuedAndSolicit;
        }
        entry.Pending ??= new Queue<byte[]>();
        if (entry.Pending.Count >= PendingPerNeighbour)
            return NeighbourQueueing.Dropped;
        entry.Pending.Enqueue(frame.ToArray());
        return NeighbourQueueing.Queued;
    }

    /// <summary>
    /// Records that <paramref name="address"/> is at <paramref name="mac"/> (an existing entry, or a new one when
    /// <paramref name="create"/>); returns the frames that waited for it, or null.
    /// </summary>
    public Queue<byte[]>? Learn(IpAddress address, MacAddress mac, ulong now, bool create)
    {
        if (!_entries.TryGetValue(address, out var entry))
        {
            if (!create)
                return null;
            if (_entries.Count >= Capacity)
                EvictOne();
            entry = new Entry();
            _entries[address] = entry;
        }
        entry.Mac = mac;
        entry.Resolved = true;
        entry.Deadline = now + ReachableNanoseconds;
        NextDeadline = Math.Min(NextDeadline, entry.Deadline);
        var pending = entry.Pending;
        entry.Pending = null;
        return pending;
    }

    /// <summary>
    /// Expires resolved entries, and re-solicits or gives up on unresolved ones; fills <paramref name="solicit"/>
    /// with the addresses to ask again and returns how many queued frames were dropped.
    /// </summary>
    public int RunTimers(ulong now, List<IpAddress> solicit)
    {
        if (now < NextDeadline)
            return 0;
        int dropped = 0;
        ulong next = ulong.MaxValue;
        _expired.Clear();
        foreach (var (address, entry) in _entries)
        {
            if (now < entry.Deadline)
            {
                next = Math.Min(next, entry.Deadline);
                continue;
            }
            if (entry.Resolved || entry.Solicitations >= MaxSolicitations)
            {
                dropped += entry.Pending?.Count ?? 0;
                _expired.Add(address);
                continue;
            }
            entry.Solicitations++;
            entry.Deadline = now + RetransmitNanoseconds;
            next = Math.Min(next, entry.Deadline);
            solicit.Add(address);
        }
        foreach (var address in _expired)
            _entries.Remove(address);
        NextDeadline = next;
        return dropped;
    }

    private void EvictOne()
    {
        IpAddress? oldest = null;
        ulong oldestDeadline = ulong.MaxValue;
        foreach (var (address, entry) in _entries)
        {
            if (entry.Deadline < oldestDeadline)
            {
                oldestDeadline = entry.Deadline;
                oldest = address;
            }
        }
        if (oldest is { } victim)
            _entries.Remove(victim);
    }
}
