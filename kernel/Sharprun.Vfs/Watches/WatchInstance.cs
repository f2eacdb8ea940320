namespace Sharprun.Vfs.Watches;

/// <summary>
/// An inotify instance: its watches by descriptor and its queue of events, read as Linux's read(2) on an inotify
/// descriptor returns them. At most <see cref="QueueLimit"/> events wait; past that one IN_Q_OVERFLOW event (wd -1)
/// is queued and further events are dropped until the reader catches up. An event identical to the last one queued
/// is merged into it, as Linux does. Every member takes the file system's lock; a reader that finds the queue empty
/// waits with <c>Monitor.Wait(vfs.Sync)</c>, pulsed whenever an event is queued.
/// </summary>
public sealed class WatchInstance
{
    /// <summary>Linux's default fs.inotify.max_queued_events.</summary>
    public const int DefaultQueueLimit = 16384;

    private readonly VirtualFileSystem _vfs;
    private readonly Queue<WatchEvent> _events = new();
    private readonly Dictionary<int, Watch> _watches = [];
    private WatchEvent? _last;
    private int _lastDescriptor;
    private bool _overflowQueued;
    private bool _closed;

    internal WatchInstance(VirtualFileSystem vfs, int queueLimit)
    {
        _vfs = vfs;
        QueueLimit = queueLimit;
    }

    public int QueueLimit { get; }

    /// <summary>Events are waiting: a read would not block (poll's POLLIN).</summary>
    public bool HasEvents
    {
        get { lock (_vfs.Sync) return _events.Count > 0; }
    }

    /// <summary>inotify_add_watch(2) on this instance.</summary>
    public FsError AddWatch(ReadOnlySpan<byte> path, uint mask, out int descriptor) => _vfs.AddWatch(this, path, mask, out descriptor);

    /// <summary>inotify_rm_watch(2): IN_IGNORED is queued for it; an unknown descriptor is EINVAL.</summary>
    public FsError RemoveWatch(int descriptor)
    {
        lock (_vfs.Sync)
        {
            if (_closed)
                return FsError.BadDescriptor;
            if (!_watches.TryGetValue(descriptor, out Watch? watch))
                return FsError.InvalidArgument;
            _vfs.Watches.Remove(watch);
            return FsError.Success;
        }
    }

    /// <summary>
    /// read(2): as many whole events as fit; WouldBlock when none is queued, InvalidArgument when the buffer cannot
    /// hold the next one.
    /// </summary>
    public FsError Read(Span<byte> buffer, out int read)
    {
        lock (_vfs.Sync)
        {
            read = 0;
            if (_closed)
                return FsError.BadDescriptor;
            if (_events.Count == 0)
                return FsError.WouldBlock;
            if (_events.Peek().EncodedSize > buffer.Length)
                return FsError.InvalidArgument;
            while (_events.TryPeek(out WatchEvent next) && next.EncodedSize <= buffer.Length - read)
            {
                next.Encode(buffer[read..]);
                read += next.EncodedSize;
                _events.Dequeue();
                if (next.Mask == WatchMask.QueueOverflow)
                    _overflowQueued = false;
            }
            if (_events.Count == 0)
                _last = null;
            return FsError.Success;
        }
    }

    /// <summary>close(2) of the last descriptor: its watches go, without IN_IGNORED (nobody can read it).</summary>
    public void Close()
    {
        lock (_vfs.Sync)
        {
            if (_closed)
                return;
            _closed = true;
            foreach (Watch watch in _watches.Values.ToList())
                _vfs.Watches.Remove(watch, queueIgnored: false);
            _events.Clear();
            _vfs.Watches.InstanceClosed();
            Monitor.PulseAll(_vfs.Sync);
        }
    }

    internal bool IsClosed => _closed;

    internal Watch? WatchOf(NodeKey node) => _watches.Values.FirstOrDefault(watch => watch.Node == node);

    /// <summary>A new watch descriptor: increasing from 1, never 0 or negative, as Linux hands them out.</summary>
    internal Watch AddWatchFor(NodeKey node, uint mask)
    {
        do
            _lastDescriptor = _lastDescriptor == int.MaxValue ? 1 : _lastDescriptor + 1;
        while (_watches.ContainsKey(_lastDescriptor));
        var watch = new Watch(this, _lastDescriptor, node, mask);
        _watches.Add(watch.Descriptor, watch);
        return watch;
    }

    internal void Forget(Watch watch) => _watches.Remove(watch.Descriptor);

    /// <summary>Queues an event; false when it was merged into the last one or dropped for overflow (nothing new to read).</summary>
    internal bool Enqueue(in WatchEvent watchEvent)
    {
        if (_closed)
            return false;
        if (_last is { } last && last.SameAs(watchEvent))
            return false;
        if (_events.Count >= QueueLimit)
        {
            if (_overflowQueued)
                return false;
            _overflowQueued = true;
            WatchEvent overflow = new(-1, WatchMask.QueueOverflow, 0, []);
            _events.Enqueue(overflow);
            _last = overflow;
            return true;
        }
        _events.Enqueue(watchEvent);
        _last = watchEvent;
        return true;
    }
}
