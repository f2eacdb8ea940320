using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Baked;

/// <summary>
/// One entry of a baked archive as a vnode. Reads come straight from the archive's memory; every change is
/// <see cref="FsError.ReadOnly"/>, except that creating a name that exists is <see cref="FsError.Exists"/> first, as
/// Linux's mkdir and open(O_CREAT|O_EXCL) answer on a read-only mount.
/// </summary>
internal sealed class BakedNode : INode
{
    private const int MaximumNameLength = 255;
    private const int BlockSize = 4096;
    private const int SectorSize = 512;

    private readonly BakedFileSystem _fileSystem;
    private readonly BakedEntry _entry;

    public BakedNode(BakedFileSystem fileSystem, BakedEntry entry)
    {
        _fileSystem = fileSystem;
        _entry = entry;
    }

    public IFileSystem FileSystem => _fileSystem;

    /// <summary>Entry 0 is the archive's root; inode numbers start at 1 as Linux's do.</summary>
    public ulong Number => (ulong)_entry.Index + 1;

    public NodeKind Kind => _entry.Kind;

    private bool IsMountRoot => ReferenceEquals(_fileSystem.Root, this);

    public FsError GetAttributes(out NodeAttributes attributes)
    {
        long size = _entry.Data.Length;
        uint links = _entry.Kind == NodeKind.Directory ? 2u + (uint)_entry.SubdirectoryCount : 1u;
        long allocated = (size + SectorSize - 1) / SectorSize * SectorSize;
        long time = _entry.ModifyTime;
        attributes = new NodeAttributes(Number, _entry.Kind, _entry.Permissions, links, _entry.UserId, _entry.GroupId,
            size, allocated, time, time, time, time, 0, BlockSize);
        return FsError.Success;
    }

    public FsError SetAttributes(in AttributeChanges changes) => FsError.ReadOnly;

    public FsError Lookup(ReadOnlySpan<byte> name, out INode? node)
    {
        node = null;
        FsError error = Find(name, out BakedEntry? found);
        if (error == FsError.Success)
            node = _fileSystem.NodeOf(found!);
        return error;
    }

    public FsError Create(ReadOnlySpan<byte> name, NodeKind kind, uint permissions, uint userId, uint groupId, out INode? node)
    {
        node = null;
        return NewName(name);
    }

    public FsError CreateSymbolicLink(ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, uint userId, uint groupId, out INode? node)
    {
        node = null;
        return NewName(name);
    }

    public FsError Link(ReadOnlySpan<byte> name, INode target) => NewName(name);

    public FsError Unlink(ReadOnlySpan<byte> name) => FsError.ReadOnly;

    public FsError RemoveDirectory(ReadOnlySpan<byte> name) => FsError.ReadOnly;

    public FsError Rename(ReadOnlySpan<byte> oldName, INode newParent, ReadOnlySpan<byte> newName) => FsError.ReadOnly;

    public FsError ReadDirectory(List<DirectoryEntry> entries)
    {
        if (_entry.Kind != NodeKind.Directory)
            return FsError.NotADirectory;
        BakedEntry parent = IsMountRoot ? _entry : _entry.Parent;
        entries.Add(new DirectoryEntry("."u8.ToArray(), Number, NodeKind.Directory));
        entries.Add(new DirectoryEntry(".."u8.ToArray(), (ulong)parent.Index + 1, NodeKind.Directory));
        foreach (byte[] name in _entry.Names!)
        {
            BakedEntry child = _entry.Children![name];
            entries.Add(new DirectoryEntry(name, (ulong)child.Index + 1, child.Kind));
        }
        return FsError.Success;
    }

    public FsError Read(long offset, Span<byte> buffer, out int read)
    {
        read = 0;
        if (_entry.Kind == NodeKind.Directory)
            return FsError.IsADirectory;
        if (_entry.Kind != NodeKind.RegularFile || offset < 0)
            return FsError.InvalidArgument;
        ReadOnlySpan<byte> data = _entry.Data.Span;
        if (offset >= data.Length)
            return FsError.Success;
        ReadOnlySpan<byte> rest = data[(int)offset..];
        read = Math.Min(rest.Length, buffer.Length);
        rest[..read].CopyTo(buffer);
        return FsError.Success;
    }

    public FsError Write(long offset, ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        return _entry.Kind == NodeKind.Directory ? FsError.IsADirectory : FsError.ReadOnly;
    }

    public FsError ReadSymbolicLink(out byte[] target)
    {
        if (_entry.Kind != NodeKind.SymbolicLink)
        {
            target = [];
            return FsError.InvalidArgument;
        }
        target = _entry.Data.ToArray();
        return FsError.Success;
    }

    public FsError Sync(bool dataOnly) => FsError.Success;

    public void Open()
    {
    }

    public void Close()
    {
    }

    private FsError Find(ReadOnlySpan<byte> name, out BakedEntry? found)
    {
        found = null;
        if (_entry.Kind != NodeKind.Directory)
            return FsError.NotADirectory;
        if (name.Length > MaximumNameLength)
            return FsError.NameTooLong;
        if (name.SequenceEqual("."u8))
            found = _entry;
        else if (name.SequenceEqual(".."u8))
            found = IsMountRoot ? _entry : _entry.Parent;
        else if (!_entry.Children!.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out found))
            return FsError.NotFound;
        return FsError.Success;
    }

    /// <summary>A name to be created: taken (EEXIST) or not, nothing can be added to a read-only file system.</summary>
    private FsError NewName(ReadOnlySpan<byte> name)
    {
        FsError error = Find(name, out _);
        return error switch
        {
            FsError.Success => FsError.Exists,
            FsError.NotFound => FsError.ReadOnly,
            _ => error,
        };
    }
}
