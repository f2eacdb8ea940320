using Sharprun.Vfs.Locks;
using Sharprun.Vfs.Mounts;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Paths;
using Sharprun.Vfs.Watches;

namespace Sharprun.Vfs.Files;

/// <summary>
/// An open file description: a node, the open flags and a file offset (for a directory, an index into a listing
/// taken when reading starts from the beginning). Every member takes the file system's lock. It holds the node open
/// (<see cref="INode.Open"/>) until <see cref="Close"/>, which also drops its flock. Reads, writes and changes are
/// reported to the tree's watches, to the directory's by the name the file was opened under.
/// </summary>
public sealed class OpenFile
{
    private readonly VirtualFileSystem _vfs;
    private readonly Mount _mount;
    private readonly EntryLocation? _location;
    private long _offset;
    private List<DirectoryEntry>? _listing;
    private bool _closed;

    internal OpenFile(VirtualFileSystem vfs, Mount mount, INode node, EntryLocation? location, int flags)
    {
        _vfs = vfs;
        _mount = mount;
        _location = location;
        Node = node;
        Flags = flags;
    }

    public INode Node { get; }

    /// <summary>The flags given at open, less the ones only open itself acts on.</summary>
    public int Flags { get; private set; }

    public bool CanRead => (Flags & OpenFlags.AccessModeMask) != OpenFlags.WriteOnly;

    public bool CanWrite => (Flags & OpenFlags.AccessModeMask) != OpenFlags.ReadOnly;

    public long Offset
    {
        get { lock (_vfs.Sync) return _offset; }
    }

    public bool IsClosed
    {
        get { lock (_vfs.Sync) return _closed; }
    }

    /// <summary>fcntl(F_SETFL): only O_APPEND and O_NONBLOCK change.</summary>
    public FsError SetStatusFlags(int flags)
    {
        lock (_vfs.Sync)
        {
            if (_closed)
                return FsError.BadDescriptor;
            const int changeable = OpenFlags.Append | OpenFlags.NonBlocking;
            Flags = (Flags & ~changeable) | (flags & changeable);
            return FsError.Success;
        }
    }

    public FsError Read(Span<byte> buffer, out int read)
    {
        lock (_vfs.Sync)
        {
            FsError error = ReadAt(_offset, buffer, out read);
            if (error == FsError.Success)
                _offset += read;
            return error;
        }
    }

    public FsError PRead(Span<byte> buffer, long offset, out int read)
    {
        lock (_vfs.Sync)
        {
            read = 0;
            if (!IsSeekable)
                return _closed ? FsError.BadDescriptor : FsError.IllegalSeek;
            return offset < 0 ? FsError.InvalidArgument : ReadAt(offset, buffer, out read);
        }
    }

    public FsError Write(ReadOnlySpan<byte> data, out int written)
    {
        lock (_vfs.Sync)
        {
            FsError error = WriteAt(_offset, data, out written, out long end);
            if (error == FsError.Success)
                _offset = end;
            return error;
        }
    }

    /// <summary>pwrite(2); as on Linux, O_APPEND makes it append whatever the offset.</summary>
    public FsError PWrite(ReadOnlySpan<byte> data, long offset, out int written)
    {
        lock (_vfs.Sync)
        {
            written = 0;
            if (!IsSeekable)
                return _closed ? FsError.BadDescriptor : FsError.IllegalSeek;
            return offset < 0 ? FsError.InvalidArgument : WriteAt(offset, data, out written, out _);
        }
    }

    public FsError Seek(long offset, int whence, out long position)
    {
        lock (_vfs.Sync)
        {
            position = _offset;
            if (_closed)
                return FsError.BadDescriptor;
            if (!IsSeekable)
                return FsError.IllegalSeek;
            long origin;
            switch (whence)
            {
                case OpenFlags.SeekSet:
                    origin = 0;
                    break;
                case OpenFlags.SeekCurrent:
                    origin = _offset;
                    break;
                case OpenFlags.SeekEnd when Node.Kind != NodeKind.Directory:
                    FsError error = Node.GetAttributes(out NodeAttributes attributes);
                    if (error != FsError.Success)
                        return error;
                    origin = attributes.Size;
                    break;
                default:
                    return FsError.InvalidArgument;
            }
            if (offset > 0 && origin > long.MaxValue - offset)
                return FsError.Overflow;
            long target = origin + offset;
            if (target < 0)
                return FsError.InvalidArgument;
            if (Node.Kind == NodeKind.Directory && target == 0)
                _listing = null;
            _offset = position = target;
            return FsError.Success;
        }
    }

    /// <summary>ftruncate(2): needs a descriptor open for writing (EINVAL otherwise, as on Linux).</summary>
    public FsError Truncate(long length)
    {
        lock (_vfs.Sync)
        {
            if (_closed)
                return FsError.BadDescriptor;
            if (!CanWrite || Node.Kind != NodeKind.RegularFile || length < 0)
                return FsError.InvalidArgument;
            if (Node.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            FsError error = Node.SetAttributes(new AttributeChanges(Size: length));
            if (error == FsError.Success)
                Notify(WatchMask.Modify);
            return error;
        }
    }

    public FsError Stat(out NodeAttributes attributes)
    {
        lock (_vfs.Sync)
        {
            attributes = default;
            return _closed ? FsError.BadDescriptor : Node.GetAttributes(out attributes);
        }
    }

    /// <summary>fchmod, fchown, futimens.</summary>
    public FsError SetAttributes(in AttributeChanges changes)
    {
        lock (_vfs.Sync)
        {
            if (_closed)
                return FsError.BadDescriptor;
            if (Node.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            FsError error = Node.SetAttributes(changes);
            if (error == FsError.Success)
                Notify(WatchMask.ForChanges(changes));
            return error;
        }
    }

    public FsError Sync(bool dataOnly)
    {
        lock (_vfs.Sync)
            return _closed ? FsError.BadDescriptor : Node.Sync(dataOnly);
    }

    /// <summary>The next directory entry ("." and ".." first), or null at the end; the offset counts entries.</summary>
    public FsError ReadDirectoryEntry(out DirectoryEntry? entry)
    {
        lock (_vfs.Sync)
        {
            entry = null;
            if (_closed)
                return FsError.BadDescriptor;
            if (Node.Kind != NodeKind.Directory)
                return FsError.NotADirectory;
            if (_listing is null)
            {
                var listing = new List<DirectoryEntry>();
                FsError error = Node.ReadDirectory(listing);
                if (error != FsError.Success)
                    return error;
                _listing = listing;
                Notify(WatchMask.Access);
            }
            if (_offset < _listing.Count)
                entry = _listing[(int)_offset++];
            return FsError.Success;
        }
    }

    /// <summary>flock(2) with LOCK_SH/LOCK_EX/LOCK_UN (LOCK_NB makes no difference: a conflict is always WouldBlock; blocking callers wait on the lock object and retry).</summary>
    public FsError Flock(int operation)
    {
        lock (_vfs.Sync)
        {
            if (_closed)
                return FsError.BadDescriptor;
            NodeKey key = NodeKey.Of(Node);
            switch (operation & ~OpenFlags.LockNonBlocking)
            {
                case OpenFlags.LockShared:
                    return _vfs.Flocks.TryLock(key, this, exclusive: false);
                case OpenFlags.LockExclusive:
                    return _vfs.Flocks.TryLock(key, this, exclusive: true);
                case OpenFlags.LockUnlock:
                    if (_vfs.Flocks.Unlock(key, this))
                        Monitor.PulseAll(_vfs.Sync);
                    return FsError.Success;
                default:
                    return FsError.InvalidArgument;
            }
        }
    }

    /// <summary>F_GETLK: the conflicting lock, or one of type <see cref="RegionLockType.Unlock"/> when the lock could be set.</summary>
    public FsError TestRegionLock(object owner, RegionLockType type, int whence, long start, long length, out RegionLock conflict)
    {
        lock (_vfs.Sync)
        {
            conflict = default;
            FsError error = ToRange(whence, start, length, out long rangeStart, out long rangeEnd);
            if (error != FsError.Success)
                return error;
            conflict = _vfs.RegionLocks.FindConflict(NodeKey.Of(Node), owner, type, rangeStart, rangeEnd);
            return FsError.Success;
        }
    }

    /// <summary>F_SETLK (F_SETLKW: retry after a pulse on the lock object; any set may release part of a range, so each pulses): read locks need a readable descriptor, write locks a writable one (EBADF).</summary>
    public FsError SetRegionLock(object owner, RegionLockType type, int whence, long start, long length)
    {
        lock (_vfs.Sync)
        {
            FsError error = ToRange(whence, start, length, out long rangeStart, out long rangeEnd);
            if (error != FsError.Success)
                return error;
            if ((type == RegionLockType.Read && !CanRead) || (type == RegionLockType.Write && !CanWrite))
                return FsError.BadDescriptor;
            error = _vfs.RegionLocks.TrySet(NodeKey.Of(Node), owner, type, rangeStart, rangeEnd);
            if (error == FsError.Success)
                Monitor.PulseAll(_vfs.Sync);
            return error;
        }
    }

    /// <summary>Drops the owner's record locks on this node; POSIX has the process lose them at any close of the file.</summary>
    public void ReleaseRegionLocks(object owner)
    {
        lock (_vfs.Sync)
        {
            if (_vfs.RegionLocks.ReleaseOwner(NodeKey.Of(Node), owner))
                Monitor.PulseAll(_vfs.Sync);
        }
    }

    public FsError Close()
    {
        lock (_vfs.Sync)
        {
            if (_closed)
                return FsError.BadDescriptor;
            _closed = true;
            if (_vfs.Flocks.Unlock(NodeKey.Of(Node), this))
                Monitor.PulseAll(_vfs.Sync);
            _mount.Users--;
            Node.Close();
            Notify(CanWrite ? WatchMask.CloseWrite : WatchMask.CloseNoWrite);
            _vfs.Watches.Closed(Node);
            return FsError.Success;
        }
    }

    private bool IsSeekable => !_closed && Node.Kind is not (NodeKind.Fifo or NodeKind.Socket);

    private FsError ReadAt(long offset, Span<byte> buffer, out int read)
    {
        read = 0;
        if (_closed || !CanRead)
            return FsError.BadDescriptor;
        FsError error = Node.Read(offset, buffer, out read);
        if (read > 0)
            Notify(WatchMask.Access);
        return error;
    }

    private FsError WriteAt(long offset, ReadOnlySpan<byte> data, out int written, out long end)
    {
        written = 0;
        end = offset;
        if (_closed || !CanWrite)
            return FsError.BadDescriptor;
        if ((Flags & OpenFlags.Append) != 0)
        {
            FsError error = Node.GetAttributes(out NodeAttributes attributes);
            if (error != FsError.Success)
                return error;
            offset = attributes.Size;
        }
        FsError result = Node.Write(offset, data, out written);
        end = offset + written;
        if (written > 0)
            Notify(WatchMask.Modify);
        return result;
    }

    /// <summary>An event about this file: the name it was opened under may since have been unlinked or renamed.</summary>
    private void Notify(uint mask) => _vfs.Watches.NotifyChange(_location, Node, mask, entryIsCurrent: false);

    private FsError ToRange(int whence, long start, long length, out long rangeStart, out long rangeEnd)
    {
        rangeStart = rangeEnd = 0;
        if (_closed)
            return FsError.BadDescriptor;
        long origin;
        switch (whence)
        {
            case OpenFlags.SeekSet:
                origin = 0;
                break;
            case OpenFlags.SeekCurrent:
                origin = _offset;
                break;
            case OpenFlags.SeekEnd:
                FsError error = Node.GetAttributes(out NodeAttributes attributes);
                if (error != FsError.Success)
                    return error;
                origin = attributes.Size;
                break;
            default:
                return FsError.InvalidArgument;
        }
        if (start > 0 && origin > long.MaxValue - start)
            return FsError.Overflow;
        return RegionLock.FromStartAndLength(origin + start, length, out rangeStart, out rangeEnd);
    }
}
