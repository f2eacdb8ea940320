namespace Sharprun.Vfs.Locks;

/// <summary>
/// POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW) keyed by node: byte ranges, shared or exclusive, never
/// conflicting with their own owner's. Setting a range replaces whatever the owner held there (splitting ranges) and
/// merges touching ranges of the same type, so an owner's locks on a node never overlap. Waiting is the caller's:
/// it retries after a release.
/// </summary>
public sealed class RegionLockTable
{
    private readonly Dictionary<NodeKey, List<RegionLock>> _locks = [];

    /// <summary>F_GETLK: the first lock of another owner that would stop this one, or an <see cref="RegionLockType.Unlock"/> lock for none.</summary>
    public RegionLock FindConflict(NodeKey key, object owner, RegionLockType type, long start, long end)
    {
        if (type != RegionLockType.Unlock && _locks.TryGetValue(key, out List<RegionLock>? held))
        {
            foreach (RegionLock other in held)
            {
                if (other.Owner != owner && other.Overlaps(start, end)
                    && (type == RegionLockType.Write || other.Type == RegionLockType.Write))
                    return other;
            }
        }
        return new RegionLock(RegionLockType.Unlock, start, end, null);
    }

    /// <summary>F_SETLK: sets or clears the owner's lock on [start, end); <see cref="FsError.WouldBlock"/> on a conflict.</summary>
    public FsError TrySet(NodeKey key, object owner, RegionLockType type, long start, long end)
    {
        if (start < 0 || end <= start)
            return FsError.InvalidArgument;
        if (FindConflict(key, owner, type, start, end).Type != RegionLockType.Unlock)
            return FsError.WouldBlock;
        if (!_locks.TryGetValue(key, out List<RegionLock>? held))
        {
            if (type == RegionLockType.Unlock)
                return FsError.Success;
            held = [];
            _locks.Add(key, held);
        }
        Carve(held, owner, start, end);
        if (type != RegionLockType.Unlock)
            Merge(held, new RegionLock(type, start, end, owner));
        if (held.Count == 0)
            _locks.Remove(key);
        return FsError.Success;
    }

    /// <summary>Drops every lock the owner holds on the node (POSIX: any close of the file by the process); true when one went.</summary>
    public bool ReleaseOwner(NodeKey key, object owner)
    {
        if (!_locks.TryGetValue(key, out List<RegionLock>? held))
            return false;
        int removed = held.RemoveAll(entry => entry.Owner == owner);
        if (held.Count == 0)
            _locks.Remove(key);
        return removed != 0;
    }

    /// <summary>The owner's locks on a node, in no particular order.</summary>
    public IReadOnlyList<RegionLock> LocksOf(NodeKey key, object owner) =>
        _locks.TryGetValue(key, out List<RegionLock>? held) ? held.FindAll(entry => entry.Owner == owner) : [];

    /// <summary>Removes [start, end) from the owner's ranges, keeping the parts on either side.</summary>
    private static void Carve(List<RegionLock> held, object owner, long start, long end)
    {
        for (int i = held.Count - 1; i >= 0; i--)
        {
            RegionLock entry = held[i];
            if (entry.Owner != owner || !entry.Overlaps(start, end))
                continue;
            held.RemoveAt(i);
            if (entry.Start < start)
                held.Add(entry with { End = start });
            if (entry.End > end)
                held.Add(entry with { Start = end });
        }
    }

    /// <summary>Adds a range, absorbing the owner's ranges of the same type that touch it.</summary>
    private static void Merge(List<RegionLock> held, RegionLock added)
    {
        for (int i = held.Count - 1; i >= 0; i--)
        {
            RegionLock entry = held[i];
            if (entry.Owner != added.Owner || entry.Type != added.Type || entry.End < added.Start || added.End < entry.Start)
                continue;
            held.RemoveAt(i);
            added = added with { Start = Math.Min(entry.Start, added.Start), End = Math.Max(entry.End, added.End) };
        }
        held.Add(added);
    }
}
