namespace Sharprun.Vfs.Locks;

/// <summary>
/// flock(2) locks: whole-file, shared or exclusive, owned by an open file description and keyed by node. A
/// conversion that cannot be granted keeps the lock already held (Linux drops it first; keeping it is kinder and
/// indistinguishable to a caller that retries).
/// </summary>
public sealed class FlockTable
{
    private readonly Dictionary<NodeKey, Dictionary<object, bool>> _holders = [];

    /// <summary>Takes or converts the owner's lock; <see cref="FsError.WouldBlock"/> while another owner's lock conflicts.</summary>
    public FsError TryLock(NodeKey key, object owner, bool exclusive)
    {
        if (!_holders.TryGetValue(key, out Dictionary<object, bool>? holders))
        {
            holders = new Dictionary<object, bool>(ReferenceEqualityComparer.Instance);
            _holders.Add(key, holders);
        }
        foreach ((object holder, bool holderExclusive) in holders)
        {
            if (holder != owner && (exclusive || holderExclusive))
                return FsError.WouldBlock;
        }
        holders[owner] = exclusive;
        return FsError.Success;
    }

    /// <summary>Drops the owner's lock; true when there was one (waiters may now proceed).</summary>
    public bool Unlock(NodeKey key, object owner)
    {
        if (!_holders.TryGetValue(key, out Dictionary<object, bool>? holders) || !holders.Remove(owner))
            return false;
        if (holders.Count == 0)
            _holders.Remove(key);
        return true;
    }

    /// <summary>Whether the owner holds a lock, and which kind.</summary>
    public bool IsHeld(NodeKey key, object owner, out bool exclusive)
    {
        exclusive = false;
        return _holders.TryGetValue(key, out Dictionary<object, bool>? holders) && holders.TryGetValue(owner, out exclusive);
    }
}
