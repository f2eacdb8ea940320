using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Paths;

namespace Sharprun.Vfs.Watches;

/// <summary>
/// Every inotify watch of the tree by node, and the events the VFS reports to them, in Linux's order: an event on
/// an entry goes to the watches of its directory (with the name) before the node's own; IN_ISDIR marks a directory
/// as the subject, except in IN_DELETE_SELF and IN_MOVE_SELF. A node whose last link goes while it is open reports
/// IN_DELETE_SELF at its last close, as Linux does when it frees the inode. Called with the VFS's lock held; pulses
/// it when an event is queued.
/// </summary>
public sealed class WatchTable(object sync)
{
    /// <summary>Linux's default fs.inotify.max_user_instances: one more inotify_init is EMFILE.</summary>
    public const int InstanceLimit = 128;

    /// <summary>Watches of all instances together (fs.inotify.max_user_watches): one more is ENOSPC.</summary>
    public const int WatchLimit = 8192;

    private readonly Dictionary<NodeKey, List<Watch>> _byNode = [];
    private readonly Dictionary<NodeKey, int> _openCounts = [];
    private readonly HashSet<NodeKey> _deletedWhileOpen = [];
    private int _instances;
    private int _watches;
    private uint _lastCookie;
    private bool _queued;

    /// <summary>A fresh cookie for a rename's pair of events (never 0).</summary>
    internal uint NextCookie() => _lastCookie = _lastCookie == uint.MaxValue ? 1 : _lastCookie + 1;

    internal FsError CreateInstance(VirtualFileSystem vfs, int queueLimit, out WatchInstance? instance)
    {
        instance = null;
        if (_instances >= InstanceLimit)
            return FsError.TooManyOpenFiles;
        _instances++;
        instance = new WatchInstance(vfs, queueLimit);
        return FsError.Success;
    }

    internal void InstanceClosed() => _instances--;

    internal bool IsWatched(INode node) => _byNode.ContainsKey(NodeKey.Of(node));

    /// <summary>A watch for <paramref name="node"/>, or the instance's existing one updated (same descriptor).</summary>
    internal FsError Add(WatchInstance instance, INode node, uint mask, out int descriptor)
    {
        descriptor = 0;
        NodeKey key = NodeKey.Of(node);
        uint kept = mask & WatchMask.Kept;
        if (instance.WatchOf(key) is { } existing)
        {
            if ((mask & WatchMask.MaskCreate) != 0)
                return FsError.Exists;
            existing.Mask = (mask & WatchMask.MaskAdd) != 0 ? existing.Mask | kept : kept;
            descriptor = existing.Descriptor;
            return FsError.Success;
        }
        if (_watches >= WatchLimit)
            return FsError.NoSpace;
        Watch watch = instance.AddWatchFor(key, kept);
        if (!_byNode.TryGetValue(key, out List<Watch>? watches))
            _byNode.Add(key, watches = []);
        watches.Add(watch);
        _watches++;
        descriptor = watch.Descriptor;
        return FsError.Success;
    }

    /// <summary>Drops a watch; unless its instance is closing, IN_IGNORED tells the reader the descriptor is gone.</summary>
    internal void Remove(Watch watch, bool queueIgnored = true)
    {
        if (!_byNode.TryGetValue(watch.Node, out List<Watch>? watches) || !watches.Remove(watch))
            return;
        if (watches.Count == 0)
            _byNode.Remove(watch.Node);
        _watches--;
        watch.Instance.Forget(watch);
        if (queueIgnored)
            Queue(watch, new WatchEvent(watch.Descriptor, WatchMask.Ignored, 0, []));
        Pulse();
    }

    /// <summary>An event on the entry <paramref name="name"/> of <paramref name="directory"/> (create, delete, moves).</summary>
    internal void NotifyEntry(INode directory, byte[] name, bool isDirectory, uint mask, uint cookie = 0)
    {
        if (_byNode.Count == 0)
            return;
        DeliverToDirectory(new EntryLocation(directory, name), null, isDirectory ? mask | WatchMask.IsDirectory : mask, cookie);
        Pulse();
    }

    /// <summary>
    /// A change of <paramref name="node"/> (access, modify, attributes, open, close): to its directory's watches by the
    /// name <paramref name="location"/> gives, then to its own. <paramref name="entryIsCurrent"/> false: the name may no
    /// longer lead to the node (an open file since unlinked), which IN_EXCL_UNLINK watches do not hear of.
    /// </summary>
    internal void NotifyChange(EntryLocation? location, INode node, uint mask, bool entryIsCurrent = true)
    {
        if (_byNode.Count == 0)
            return;
        if (node.Kind == NodeKind.Directory)
            mask |= WatchMask.IsDirectory;
        if (location is { } entry)
            DeliverToDirectory(entry, entryIsCurrent ? null : node, mask, 0);
        DeliverToNode(NodeKey.Of(node), mask);
        Pulse();
    }

    /// <summary>An event on the node alone: IN_ATTRIB for a link count change, IN_MOVE_SELF.</summary>
    internal void NotifySelf(INode node, uint mask)
    {
        if (_byNode.Count == 0)
            return;
        if (node.Kind == NodeKind.Directory && mask != WatchMask.MoveSelf)
            mask |= WatchMask.IsDirectory;
        DeliverToNode(NodeKey.Of(node), mask);
        Pulse();
    }

    /// <summary>
    /// The node lost its last link (a removed directory always has): IN_DELETE_SELF and IN_IGNORED for its watches,
    /// now or at its last close.
    /// </summary>
    internal void Deleted(INode node)
    {
        NodeKey key = NodeKey.Of(node);
        if (!_byNode.ContainsKey(key))
            return;
        if (_openCounts.ContainsKey(key))
        {
            _deletedWhileOpen.Add(key);
            return;
        }
        DeleteSelf(key);
    }

    internal void Opened(INode node)
    {
        NodeKey key = NodeKey.Of(node);
        _openCounts[key] = _openCounts.GetValueOrDefault(key) + 1;
    }

    internal void Closed(INode node)
    {
        NodeKey key = NodeKey.Of(node);
        int count = _openCounts.GetValueOrDefault(key) - 1;
        if (count > 0)
        {
            _openCounts[key] = count;
            return;
        }
        _openCounts.Remove(key);
        if (_deletedWhileOpen.Remove(key))
            DeleteSelf(key);
    }

    /// <summary>umount: IN_UNMOUNT, then IN_IGNORED, for every watch of a node of the file system.</summary>
    internal void Unmounted(IFileSystem fileSystem)
    {
        foreach (NodeKey key in _byNode.Keys.Where(key => key.FileSystem == fileSystem).ToList())
        {
            DeliverToNode(key, WatchMask.Unmount, always: true);
            RemoveAll(key);
        }
    }

    private void DeleteSelf(NodeKey key)
    {
        DeliverToNode(key, WatchMask.DeleteSelf);
        RemoveAll(key);
    }

    private void RemoveAll(NodeKey key)
    {
        if (_byNode.TryGetValue(key, out List<Watch>? watches))
        {
            foreach (Watch watch in watches.ToArray())
                Remove(watch);
        }
        Pulse();
    }

    /// <summary>To the watches of the entry's directory; <paramref name="staleCheck"/>: a node the name may no longer lead to, looked up only if an IN_EXCL_UNLINK watch asks.</summary>
    private void DeliverToDirectory(EntryLocation entry, INode? staleCheck, uint mask, uint cookie)
    {
        if (!_byNode.TryGetValue(NodeKey.Of(entry.Directory), out List<Watch>? watches))
            return;
        bool? unlinked = staleCheck is null ? false : null;
        foreach (Watch watch in watches.ToArray())
        {
            if (watch.ExcludesUnlinked && (unlinked ??= !entry.Leads(staleCheck!)))
                continue;
            Deliver(watch, mask, cookie, entry.Name);
        }
    }

    private void DeliverToNode(NodeKey key, uint mask, bool always = false)
    {
        if (!_byNode.TryGetValue(key, out List<Watch>? watches))
            return;
        foreach (Watch watch in watches.ToArray())
        {
            if (always)
                Queue(watch, new WatchEvent(watch.Descriptor, mask, 0, []));
            else
                Deliver(watch, mask, 0, []);
        }
    }

    /// <summary>Queues the event if the watch asks for it; an IN_ONESHOT watch goes after its first.</summary>
    private void Deliver(Watch watch, uint mask, uint cookie, byte[] name)
    {
        if (!watch.Wants(mask))
            return;
        Queue(watch, new WatchEvent(watch.Descriptor, mask, cookie, name));
        if (watch.IsOneShot)
            Remove(watch);
    }

    private void Queue(Watch watch, in WatchEvent watchEvent) => _queued |= watch.Instance.Enqueue(watchEvent);

    private void Pulse()
    {
        if (!_queued)
            return;
        _queued = false;
        Monitor.PulseAll(sync);
    }
}
