using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Tmpfs;

/// <summary>
/// One tmpfs node. A directory holds its entries and the directory containing it (its ".."), a regular file its
/// pages, a symbolic link its target; FIFOs, sockets and devices are attributes only. A node lives while it is
/// linked or open and is freed (pages refunded, node count released) when both end.
/// </summary>
public sealed class TmpfsNode : INode
{
    /// <summary>What Linux's tmpfs reports as a directory's size per entry (BOGO_DIRENT_SIZE), "." and ".." included.</summary>
    private const int DirectoryEntrySize = 20;
    private const int MaximumNameLength = 255;
    private const int MaximumSymbolicLinkLength = 4095;
    private const uint ModeBits = 0xFFF;

    private readonly TmpfsFileSystem _fileSystem;
    private readonly Dictionary<byte[], TmpfsNode>? _entries;
    private readonly TmpfsPages? _pages;
    private readonly byte[] _target = [];
    private TmpfsNode _parent;
    private uint _permissions;
    private uint _userId;
    private uint _groupId;
    private uint _linkCount;
    private long _size;
    private long _accessTime;
    private long _modifyTime;
    private long _changeTime;
    private readonly long _birthTime;
    private int _openCount;

    private TmpfsNode(TmpfsFileSystem fileSystem, ulong number, NodeKind kind, uint permissions, uint userId, uint groupId,
        TmpfsNode? parent, byte[]? target)
    {
        _fileSystem = fileSystem;
        Number = number;
        Kind = kind;
        _permissions = permissions & ModeBits;
        _userId = userId;
        _groupId = groupId;
        _parent = parent ?? this;
        _accessTime = _modifyTime = _changeTime = _birthTime = fileSystem.Clock.NowNanoseconds;
        switch (kind)
        {
            case NodeKind.Directory:
                _entries = new Dictionary<byte[], TmpfsNode>(ByteNameComparer.Instance);
                _linkCount = 2;
                break;
            case NodeKind.RegularFile:
                _pages = new TmpfsPages(fileSystem);
                _linkCount = 1;
                break;
            case NodeKind.SymbolicLink:
                _target = target!;
                _size = _target.Length;
                _linkCount = 1;
                break;
            default:
                _linkCount = 1;
                break;
        }
    }

    public IFileSystem FileSystem => _fileSystem;

    public ulong Number { get; }

    public NodeKind Kind { get; }

    /// <summary>Freed: unlinked and closed, its data gone.</summary>
    internal bool IsFreed { get; private set; }

    private bool IsDirectory => _entries is not null;

    internal static TmpfsNode CreateRoot(TmpfsFileSystem fileSystem)
    {
        fileSystem.TryAllocateNode(out ulong number);
        return new TmpfsNode(fileSystem, number, NodeKind.Directory, 0x3FF /* 01777, like /tmp */, 0, 0, null, null);
    }

    public FsError GetAttributes(out NodeAttributes attributes)
    {
        long size = _entries is null ? _size : 2L * DirectoryEntrySize + (long)DirectoryEntrySize * _entries.Count;
        long allocated = (_pages?.Count ?? 0) * (long)TmpfsPages.PageSize;
        attributes = new NodeAttributes(Number, Kind, _permissions, _linkCount, _userId, _groupId, size, allocated,
            _accessTime, _modifyTime, _changeTime, _birthTime, 0, TmpfsPages.PageSize);
        return FsError.Success;
    }

    public FsError SetAttributes(in AttributeChanges changes)
    {
        if (_fileSystem.IsReadOnly)
            return FsError.ReadOnly;
        long now = _fileSystem.Clock.NowNanoseconds;
        if (changes.Size is long size)
        {
            if (Kind == NodeKind.Directory)
                return FsError.IsADirectory;
            if (_pages is null || size < 0)
                return FsError.InvalidArgument;
            if (size < _size)
                _pages.Shrink(size);
            _size = size;
            _modifyTime = now;
        }
        if (changes.Permissions is uint permissions)
            _permissions = permissions & ModeBits;
        if (changes.UserId is uint userId)
            _userId = userId;
        if (changes.GroupId is uint groupId)
            _groupId = groupId;
        if (changes.AccessTime is long accessTime)
            _accessTime = accessTime;
        if (changes.ModifyTime is long modifyTime)
            _modifyTime = modifyTime;
        _changeTime = now;
        return FsError.Success;
    }

    public FsError Lookup(ReadOnlySpan<byte> name, out INode? node)
    {
        FsError error = Find(name, out TmpfsNode? found);
        node = found;
        return error;
    }

    public FsError Create(ReadOnlySpan<byte> name, NodeKind kind, uint permissions, uint userId, uint groupId, out INode? node)
    {
        node = null;
        if (kind == NodeKind.SymbolicLink)
            return FsError.InvalidArgument;
        FsError error = CheckNewName(name);
        if (error != FsError.Success)
            return error;
        if (!_fileSystem.TryAllocateNode(out ulong number))
            return FsError.NoSpace;
        var created = new TmpfsNode(_fileSystem, number, kind, permissions, userId, groupId, this, null);
        if (kind == NodeKind.Directory)
            _linkCount++;
        AddEntry(name.ToArray(), created);
        node = created;
        return FsError.Success;
    }

    public FsError CreateSymbolicLink(ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, uint userId, uint groupId, out INode? node)
    {
        node = null;
        if (target.IsEmpty)
            return FsError.NotFound;
        if (target.Length > MaximumSymbolicLinkLength)
            return FsError.NameTooLong;
        FsError error = CheckNewName(name);
        if (error != FsError.Success)
            return error;
        if (!_fileSystem.TryAllocateNode(out ulong number))
            return FsError.NoSpace;
        var created = new TmpfsNode(_fileSystem, number, NodeKind.SymbolicLink, 0x1FF, userId, groupId, this, target.ToArray());
        AddEntry(name.ToArray(), created);
        node = created;
        return FsError.Success;
    }

    public FsError Link(ReadOnlySpan<byte> name, INode target)
    {
        if (target is not TmpfsNode linked || linked._fileSystem != _fileSystem)
            return FsError.CrossDevice;
        if (linked.IsDirectory)
            return FsError.NotPermitted;
        FsError error = CheckNewName(name);
        if (error != FsError.Success)
            return error;
        if (linked._linkCount == 0)
            return FsError.NotFound;
        linked._linkCount++;
        linked._changeTime = _fileSystem.Clock.NowNanoseconds;
        AddEntry(name.ToArray(), linked);
        return FsError.Success;
    }

    public FsError Unlink(ReadOnlySpan<byte> name)
    {
        FsError error = FindForRemoval(name, out TmpfsNode? child);
        if (error != FsError.Success)
            return error;
        if (child!.IsDirectory)
            return FsError.IsADirectory;
        RemoveEntry(name);
        child._linkCount--;
        child._changeTime = _modifyTime;
        child.FreeIfUnused();
        return FsError.Success;
    }

    public FsError RemoveDirectory(ReadOnlySpan<byte> name)
    {
        if (IsDot(name))
            return IsDirectory ? FsError.InvalidArgument : FsError.NotADirectory;
        if (IsDotDot(name))
            return IsDirectory ? FsError.NotEmpty : FsError.NotADirectory;
        FsError error = FindForRemoval(name, out TmpfsNode? child);
        if (error != FsError.Success)
            return error;
        if (!child!.IsDirectory)
            return FsError.NotADirectory;
        if (child._entries!.Count != 0)
            return FsError.NotEmpty;
        RemoveEntry(name);
        _linkCount--;
        child._linkCount = 0;
        child._changeTime = _modifyTime;
        child.FreeIfUnused();
        return FsError.Success;
    }

    public FsError Rename(ReadOnlySpan<byte> oldName, INode newParent, ReadOnlySpan<byte> newName)
    {
        if (!IsDirectory)
            return FsError.NotADirectory;
        if (newParent is not TmpfsNode target || target._fileSystem != _fileSystem)
            return FsError.CrossDevice;
        if (!target.IsDirectory)
            return FsError.NotADirectory;
        if (_fileSystem.IsReadOnly)
            return FsError.ReadOnly;
        if (IsDot(oldName) || IsDotDot(oldName) || IsDot(newName) || IsDotDot(newName) || oldName.IsEmpty || newName.IsEmpty)
            return FsError.Busy;
        if (oldName.Length > MaximumNameLength || newName.Length > MaximumNameLength)
            return FsError.NameTooLong;
        if (!_entries!.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(oldName, out TmpfsNode? moved))
            return FsError.NotFound;
        if (target._linkCount == 0)
            return FsError.NotFound;
        if (moved.IsDirectory)
        {
            for (TmpfsNode ancestor = target; ; ancestor = ancestor._parent)
            {
                if (ancestor == moved)
                    return FsError.InvalidArgument;
                if (ancestor._parent == ancestor)
                    break;
            }
        }
        long now = _fileSystem.Clock.NowNanoseconds;
        if (target._entries!.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(newName, out TmpfsNode? replaced))
        {
            if (replaced == moved)
                return FsError.Success;
            if (moved.IsDirectory && !replaced.IsDirectory)
                return FsError.NotADirectory;
            if (!moved.IsDirectory && replaced.IsDirectory)
                return FsError.IsADirectory;
            if (replaced.IsDirectory && replaced._entries!.Count != 0)
                return FsError.NotEmpty;
            target._entries.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(newName);
            if (replaced.IsDirectory)
            {
                replaced._linkCount = 0;
                target._linkCount--;
            }
            else
            {
                replaced._linkCount--;
            }
            replaced._changeTime = now;
            replaced.FreeIfUnused();
        }
        _entries.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(oldName);
        target._entries.Add(newName.ToArray(), moved);
        if (moved.IsDirectory && target != this)
        {
            _linkCount--;
            target._linkCount++;
            moved._parent = target;
        }
        moved._changeTime = now;
        _modifyTime = _changeTime = now;
        target._modifyTime = target._changeTime = now;
        return FsError.Success;
    }

    public FsError ReadDirectory(List<DirectoryEntry> entries)
    {
        if (_entries is null)
            return FsError.NotADirectory;
        entries.Add(new DirectoryEntry([(byte)'.'], Number, NodeKind.Directory));
        entries.Add(new DirectoryEntry([(byte)'.', (byte)'.'], _parent.Number, NodeKind.Directory));
        foreach ((byte[] name, TmpfsNode node) in _entries)
            entries.Add(new DirectoryEntry(name, node.Number, node.Kind));
        return FsError.Success;
    }

    public FsError Read(long offset, Span<byte> buffer, out int read)
    {
        read = 0;
        if (IsDirectory)
            return FsError.IsADirectory;
        if (_pages is null || offset < 0)
            return FsError.InvalidArgument;
        if (offset >= _size)
            return FsError.Success;
        read = (int)Math.Min(buffer.Length, _size - offset);
        _pages.Read(offset, buffer[..read]);
        return FsError.Success;
    }

    public FsError Write(long offset, ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        if (IsDirectory)
            return FsError.IsADirectory;
        if (_pages is null || offset < 0)
            return FsError.InvalidArgument;
        if (_fileSystem.IsReadOnly)
            return FsError.ReadOnly;
        if (data.IsEmpty)
            return FsError.Success;
        if (offset > long.MaxValue - data.Length)
            return FsError.FileTooLarge;
        written = _pages.Write(offset, data);
        if (written == 0)
            return FsError.NoSpace;
        _size = Math.Max(_size, offset + written);
        _modifyTime = _changeTime = _fileSystem.Clock.NowNanoseconds;
        return FsError.Success;
    }

    public FsError ReadSymbolicLink(out byte[] target)
    {
        target = _target;
        return Kind == NodeKind.SymbolicLink ? FsError.Success : FsError.InvalidArgument;
    }

    public FsError Sync(bool dataOnly) => FsError.Success;

    public void Open() => _openCount++;

    public void Close()
    {
        _openCount--;
        FreeIfUnused();
    }

    private static bool IsDot(ReadOnlySpan<byte> name) => name.Length == 1 && name[0] == '.';

    private static bool IsDotDot(ReadOnlySpan<byte> name) => name.Length == 2 && name[0] == '.' && name[1] == '.';

    private FsError Find(ReadOnlySpan<byte> name, out TmpfsNode? node)
    {
        node = null;
        if (_entries is null)
            return FsError.NotADirectory;
        if (name.Length > MaximumNameLength)
            return FsError.NameTooLong;
        if (IsDot(name))
            node = this;
        else if (IsDotDot(name))
            node = _parent;
        else if (_linkCount != 0)
            _entries.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out node);
        return node is null ? FsError.NotFound : FsError.Success;
    }

    /// <summary>The checks before a name is added: a live directory, writable, a valid and free name.</summary>
    private FsError CheckNewName(ReadOnlySpan<byte> name)
    {
        if (_entries is null)
            return FsError.NotADirectory;
        if (name.Length > MaximumNameLength)
            return FsError.NameTooLong;
        if (name.IsEmpty || name.Contains((byte)'/') || name.Contains((byte)0))
            return FsError.InvalidArgument;
        if (IsDot(name) || IsDotDot(name) || _entries.GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(name))
            return FsError.Exists;
        if (_fileSystem.IsReadOnly)
            return FsError.ReadOnly;
        if (_linkCount == 0)
            return FsError.NotFound;
        return FsError.Success;
    }

    private FsError FindForRemoval(ReadOnlySpan<byte> name, out TmpfsNode? child)
    {
        child = null;
        if (_entries is null)
            return FsError.NotADirectory;
        if (_fileSystem.IsReadOnly)
            return FsError.ReadOnly;
        FsError error = Find(name, out child);
        return error;
    }

    private void AddEntry(byte[] name, TmpfsNode node)
    {
        _entries!.Add(name, node);
        _modifyTime = _changeTime = _fileSystem.Clock.NowNanoseconds;
    }

    private void RemoveEntry(ReadOnlySpan<byte> name)
    {
        _entries!.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(name);
        _modifyTime = _changeTime = _fileSystem.Clock.NowNanoseconds;
    }

    private void FreeIfUnused()
    {
        if (_linkCount != 0 || _openCount != 0 || IsFreed || this == _fileSystem.Root)
            return;
        IsFreed = true;
        _pages?.Clear();
        _entries?.Clear();
        _fileSystem.FreeNode();
    }
}
