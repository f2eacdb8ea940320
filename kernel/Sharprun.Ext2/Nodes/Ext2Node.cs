using Sharprun.Ext2.Disk;
using Sharprun.Ext2.Files;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Nodes;

/// <summary>
/// One inode as a vnode. It holds no copy of the inode: each operation reads it (through the block cache) and
/// writes it back, so any number of objects for one inode stay consistent. Open nodes are registered with the file
/// system, which returns the same object for them and frees an unlinked one at its last close.
/// </summary>
internal sealed class Ext2Node(Ext2FileSystem fileSystem, uint number, NodeKind kind) : INode
{
    public IFileSystem FileSystem => fileSystem;

    public ulong Number => number;

    public NodeKind Kind => kind;

    public int OpenCount { get; private set; }

    public FsError GetAttributes(out NodeAttributes attributes)
    {
        attributes = default;
        var error = Load(out var inode);
        if (error != FsError.Success)
        {
            return error;
        }
        var sectors = inode.Sectors;
        if (fileSystem.Superblock.HasHugeFile && (inode.Flags & Inode.HugeFileFlag) != 0)
        {
            sectors *= (ulong)(fileSystem.BlockSize / 512);
        }
        attributes = new NodeAttributes(
            number,
            kind,
            (uint)(inode.Mode & 0xFFF),
            inode.LinkCount,
            inode.UserId,
            inode.GroupId,
            (long)Math.Min(inode.Size, long.MaxValue),
            (long)Math.Min(sectors * 512, long.MaxValue),
            inode.AccessTime,
            inode.ModifyTime,
            inode.ChangeTime,
            inode.BirthTime,
            DeviceNumber(inode),
            fileSystem.BlockSize);
        return FsError.Success;
    }

    public FsError SetAttributes(in AttributeChanges changes)
    {
        if (fileSystem.IsReadOnly)
        {
            return FsError.ReadOnly;
        }
        fileSystem.Store.StartOperation();
        var error = Load(out var inode);
        if (error != FsError.Success)
        {
            return error;
        }
        var now = fileSystem.Now();
        if (changes.Size is { } size)
        {
            if (kind == NodeKind.Directory)
            {
                return FsError.IsADirectory;
            }
            if (kind != NodeKind.RegularFile || size < 0)
            {
                return FsError.InvalidArgument;
            }
            if (size > fileSystem.MaximumFileSize)
            {
                return FsError.FileTooLarge;
            }
            if ((ulong)size != inode.Size)
            {
                inode.ModifyTime = now;
                inode.ChangeTime = now;
                error = fileSystem.Truncate(inode, (ulong)size);
                if (error != FsError.Success)
                {
                    return error;
                }
            }
        }
        if (changes.Permissions is { } permissions)
        {
            inode.Mode = (ushort)((uint)(inode.Mode & InodeMode.TypeMask) | (permissions & 0xFFF));
        }
        if (changes.UserId is { } userId)
        {
            inode.UserId = userId;
        }
        if (changes.GroupId is { } groupId)
        {
            inode.GroupId = groupId;
        }
        if (changes.AccessTime is { } accessTime)
        {
            inode.AccessTime = accessTime;
        }
        if (changes.ModifyTime is { } modifyTime)
        {
            inode.ModifyTime = modifyTime;
        }
        inode.ChangeTime = now;
        return fileSystem.StoreInode(inode);
    }

    public FsError Lookup(ReadOnlySpan<byte> name, out INode? node)
    {
        node = null;
        var error = LoadDirectory(name, out var directory);
        if (error != FsError.Success)
        {
            return error;
        }
        error = fileSystem.Directories.Find(directory, name, out var location, out var found);
        if (error != FsError.Success)
        {
            return error;
        }
        return found ? fileSystem.GetNode(location.Inode, out node) : FsError.NotFound;
    }

    public FsError Create(ReadOnlySpan<byte> name, NodeKind newKind, uint permissions, uint userId, uint groupId, out INode? node)
    {
        node = null;
        if (newKind == NodeKind.SymbolicLink)
        {
            return FsError.InvalidArgument;
        }
        return CreateInode(name, newKind, (ushort)(InodeMode.TypeOf(newKind) | (permissions & 0xFFF)), userId, groupId, [], out node);
    }

    public FsError CreateSymbolicLink(ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, uint userId, uint groupId, out INode? node)
    {
        node = null;
        if (target.IsEmpty)
        {
            return FsError.NotFound;
        }
        if (target.Length >= fileSystem.BlockSize)
        {
            return FsError.NameTooLong;
        }
        return CreateInode(name, NodeKind.SymbolicLink, InodeMode.SymbolicLink | 0x1FF, userId, groupId, target, out node);
    }

    public FsError Link(ReadOnlySpan<byte> name, INode target)
    {
        fileSystem.Store.StartOperation();
        var error = PrepareChange(name, out var directory);
        if (error != FsError.Success)
        {
            return error;
        }
        if (target is not Ext2Node other || other.FileSystem != fileSystem)
        {
            return FsError.CrossDevice;
        }
        if (other.Kind == NodeKind.Directory)
        {
            return FsError.NotPermitted;
        }
        error = fileSystem.LoadInode((uint)other.Number, out var inode);
        if (error != FsError.Success || inode is null)
        {
            return error;
        }
        if (inode.LinkCount == 0)
        {
            return FsError.NotFound;
        }
        if (!Ext2FileSystem.CanAddLink(inode))
        {
            return FsError.TooManyLinks;
        }
        var now = fileSystem.Now();
        inode.LinkCount++;
        inode.ChangeTime = now;
        error = fileSystem.StoreInode(inode);
        if (error != FsError.Success)
        {
            return error;
        }
        error = fileSystem.Directories.Add(directory, name, inode.Number, InodeMode.EntryTypeOf(other.Kind));
        if (error != FsError.Success)
        {
            inode.LinkCount--;
            fileSystem.StoreInode(inode);
            return error;
        }
        return TouchDirectory(directory, now, 0);
    }

    public FsError Unlink(ReadOnlySpan<byte> name)
    {
        fileSystem.Store.StartOperation();
        if (DirectoryFile.IsDotOrDotDot(name))
        {
            return kind == NodeKind.Directory ? FsError.IsADirectory : FsError.NotADirectory;
        }
        var error = FindChild(name, out var directory, out var location, out var child);
        if (error != FsError.Success)
        {
            return error;
        }
        if ((child.Mode & InodeMode.TypeMask) == InodeMode.Directory)
        {
            return FsError.IsADirectory;
        }
        error = fileSystem.Directories.Remove(directory, location);
        if (error != FsError.Success)
        {
            return error;
        }
        var now = fileSystem.Now();
        error = TouchDirectory(directory, now, 0);
        return error != FsError.Success ? error : DropLink(child, now, false);
    }

    public FsError RemoveDirectory(ReadOnlySpan<byte> name)
    {
        fileSystem.Store.StartOperation();
        if (name.SequenceEqual("."u8))
        {
            return FsError.InvalidArgument;
        }
        if (name.SequenceEqual(".."u8))
        {
            return FsError.NotEmpty;
        }
        var error = FindChild(name, out var directory, out var location, out var child);
        if (error != FsError.Success)
        {
            return error;
        }
        if ((child.Mode & InodeMode.TypeMask) != InodeMode.Directory)
        {
            return FsError.NotADirectory;
        }
        error = fileSystem.Directories.IsEmpty(child, out var empty);
        if (error != FsError.Success)
        {
            return error;
        }
        if (!empty)
        {
            return FsError.NotEmpty;
        }
        error = fileSystem.Directories.Remove(directory, location);
        if (error != FsError.Success)
        {
            return error;
        }
        // The child's ".." names the parent until the child is freed: only then may the parent's count drop.
        var now = fileSystem.Now();
        error = DropLink(child, now, true);
        return error != FsError.Success ? error : TouchDirectory(directory, now, -1);
    }

    public FsError Rename(ReadOnlySpan<byte> oldName, INode newParent, ReadOnlySpan<byte> newName)
    {
        if (fileSystem.IsReadOnly)
        {
            return FsError.ReadOnly;
        }
        fileSystem.Store.StartOperation();
        if (newParent is not Ext2Node target || target.FileSystem != fileSystem)
        {
            return FsError.CrossDevice;
        }
        if (kind != NodeKind.Directory || target.Kind != NodeKind.Directory)
        {
            return FsError.NotADirectory;
        }
        if (DirectoryFile.IsDotOrDotDot(oldName) || DirectoryFile.IsDotOrDotDot(newName))
        {
            return FsError.Busy;
        }
        var error = NodeName.Check(newName);
        if (error != FsError.Success)
        {
            return error;
        }
        error = FindChild(oldName, out var source, out var oldLocation, out var moving);
        if (error != FsError.Success)
        {
            return error;
        }
        var sameParent = (uint)target.Number == number;
        Inode destination;
        if (sameParent)
        {
            destination = source;
        }
        else
        {
            error = target.Load(out destination);
            if (error != FsError.Success)
            {
                return error;
            }
        }
        if (destination.LinkCount == 0)
        {
            return FsError.NotFound;
        }
        error = fileSystem.Directories.Find(destination, newName, out var newLocation, out var exists);
        if (error != FsError.Success)
        {
            return error;
        }
        if (exists && newLocation.Inode == moving.Number)
        {
            return FsError.Success;
        }
        var movingIsDirectory = (moving.Mode & InodeMode.TypeMask) == InodeMode.Directory;
        if (movingIsDirectory && !sameParent)
        {
            error = CheckNotBeneath(moving.Number, (uint)target.Number);
            if (error != FsError.Success)
            {
                return error;
            }
        }
        Inode? replaced = null;
        if (exists)
        {
            error = fileSystem.LoadInode(newLocation.Inode, out replaced);
            if (error != FsError.Success || replaced is null)
            {
                return error;
            }
            var replacedIsDirectory = (replaced.Mode & InodeMode.TypeMask) == InodeMode.Directory;
            if (movingIsDirectory && !replacedIsDirectory)
            {
                return FsError.NotADirectory;
            }
            if (!movingIsDirectory && replacedIsDirectory)
            {
                return FsError.IsADirectory;
            }
            if (replacedIsDirectory)
            {
                error = fileSystem.Directories.IsEmpty(replaced, out var empty);
                if (error != FsError.Success)
                {
                    return error;
                }
                if (!empty)
                {
                    return FsError.NotEmpty;
                }
            }
        }
        else if (movingIsDirectory && !sameParent && !Ext2FileSystem.CanAddLink(destination))
        {
            return FsError.TooManyLinks;
        }

        InodeMode.TryKindOf(moving.Mode, out var movingKind);
        var entryType = InodeMode.EntryTypeOf(movingKind);
        // Between writing the new name and removing the old, two entries name the inode: its count covers both,
        // so a power cut there leaves a count above the entries (a leak e2fsck fixes), never below them.
        moving.LinkCount++;
        error = fileSystem.StoreInode(moving);
        if (error != FsError.Success)
        {
            return error;
        }
        error = exists
            ? fileSystem.Directories.Retarget(destination, newLocation, moving.Number, entryType)
            : fileSystem.Directories.Add(destination, newName, moving.Number, entryType);
        if (error != FsError.Success)
        {
            moving.LinkCount--;
            fileSystem.StoreInode(moving);
            return error;
        }
        // The new name may have been written into the block holding the old one: find it again.
        error = fileSystem.Directories.Find(source, oldName, out oldLocation, out var stillThere);
        if (error == FsError.Success && stillThere && oldLocation.Inode == moving.Number)
        {
            error = fileSystem.Directories.Remove(source, oldLocation);
        }
        if (error != FsError.Success)
        {
            return error;
        }
        var now = fileSystem.Now();
        if (movingIsDirectory && !sameParent)
        {
            // The new parent counts the moved directory's ".." before it names the new parent.
            destination.LinkCount++;
            error = fileSystem.StoreInode(destination);
            if (error == FsError.Success)
            {
                error = fileSystem.Directories.Find(moving, ".."u8, out var dotDot, out var hasDotDot);
                if (error == FsError.Success && hasDotDot)
                {
                    error = fileSystem.Directories.Retarget(moving, dotDot, (uint)target.Number, InodeMode.EntryTypeOf(NodeKind.Directory));
                }
            }
            if (error != FsError.Success)
            {
                return error;
            }
            source.LinkCount = (ushort)Math.Max(1, source.LinkCount - 1);
        }
        moving.LinkCount--;
        moving.ChangeTime = now;
        error = fileSystem.StoreInode(moving);
        if (error == FsError.Success)
        {
            error = TouchDirectory(source, now, 0);
        }
        if (error == FsError.Success && !sameParent)
        {
            error = TouchDirectory(destination, now, 0);
        }
        if (error == FsError.Success && replaced is not null)
        {
            var replacedIsDirectory = (replaced.Mode & InodeMode.TypeMask) == InodeMode.Directory;
            error = DropLink(replaced, now, replacedIsDirectory);
            // A replaced directory's ".." named the new parent until it was freed.
            if (error == FsError.Success && replacedIsDirectory)
            {
                error = TouchDirectory(destination, now, -1);
            }
        }
        return error;
    }

    public FsError ReadDirectory(List<DirectoryEntry> entries)
    {
        if (kind != NodeKind.Directory)
        {
            return FsError.NotADirectory;
        }
        var error = Load(out var directory);
        if (error != FsError.Success)
        {
            return error;
        }
        var found = new List<(byte[] Name, uint Inode, byte FileType)>();
        error = fileSystem.Directories.List(directory, found);
        if (error != FsError.Success)
        {
            return error;
        }
        foreach (var (name, inode, fileType) in found)
        {
            if (!InodeMode.TryKindOfEntryType(fileType, out var entryKind))
            {
                error = fileSystem.LoadInode(inode, out var child);
                if (error != FsError.Success || child is null)
                {
                    return error;
                }
                if (!InodeMode.TryKindOf(child.Mode, out entryKind))
                {
                    return FsError.Corrupted;
                }
            }
            entries.Add(new DirectoryEntry(name, inode, entryKind));
        }
        return FsError.Success;
    }

    public FsError Read(long offset, Span<byte> buffer, out int read)
    {
        read = 0;
        var error = LoadFile(offset, out var inode);
        return error != FsError.Success ? error : FileData.Read(fileSystem, inode, offset, buffer, out read);
    }

    public FsError Write(long offset, ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        if (fileSystem.IsReadOnly)
        {
            return FsError.ReadOnly;
        }
        fileSystem.Store.StartOperation();
        var error = LoadFile(offset, out var inode);
        if (error != FsError.Success)
        {
            return error;
        }
        if (data.IsEmpty)
        {
            return FsError.Success;
        }
        error = FileData.Write(fileSystem, inode, offset, data, out written);
        var now = fileSystem.Now();
        inode.ModifyTime = now;
        inode.ChangeTime = now;
        var stored = fileSystem.StoreInode(inode);
        if (stored != FsError.Success)
        {
            written = 0;
            return stored;
        }
        return error;
    }

    public FsError ReadSymbolicLink(out byte[] target)
    {
        target = [];
        if (kind != NodeKind.SymbolicLink)
        {
            return FsError.InvalidArgument;
        }
        var error = Load(out var inode);
        return error != FsError.Success ? error : SymbolicLink.Read(fileSystem, inode, out target);
    }

    public FsError Sync(bool dataOnly) => fileSystem.IsReadOnly ? FsError.Success : fileSystem.Sync();

    public void Open()
    {
        OpenCount++;
        fileSystem.Opened(this);
    }

    public void Close()
    {
        if (OpenCount == 0)
        {
            return;
        }
        OpenCount--;
        if (OpenCount == 0)
        {
            fileSystem.Closed(this);
        }
    }

    /// <summary>Reads this node's inode, checking it is still what this node is.</summary>
    private FsError Load(out Inode inode)
    {
        inode = null!;
        var error = fileSystem.LoadInode(number, out var loaded);
        if (error != FsError.Success || loaded is null)
        {
            return error;
        }
        if (!InodeMode.TryKindOf(loaded.Mode, out var actual) || actual != kind)
        {
            return FsError.NotFound;
        }
        if (loaded.LinkCount == 0 && OpenCount == 0 && !fileSystem.IsOpen(number))
        {
            return FsError.NotFound;
        }
        inode = loaded;
        return FsError.Success;
    }

    private FsError LoadFile(long offset, out Inode inode)
    {
        inode = null!;
        if (kind == NodeKind.Directory)
        {
            return FsError.IsADirectory;
        }
        if (kind != NodeKind.RegularFile || offset < 0)
        {
            return FsError.InvalidArgument;
        }
        return Load(out inode);
    }

    private FsError LoadDirectory(ReadOnlySpan<byte> name, out Inode directory)
    {
        directory = null!;
        if (kind != NodeKind.Directory)
        {
            return FsError.NotADirectory;
        }
        var error = NodeName.Check(name);
        return error != FsError.Success ? error : Load(out directory);
    }

    /// <summary>The checks every change of this directory starts with: writable, a live directory, a valid and unused name.</summary>
    private FsError PrepareChange(ReadOnlySpan<byte> name, out Inode directory)
    {
        directory = null!;
        if (fileSystem.IsReadOnly)
        {
            return FsError.ReadOnly;
        }
        var error = LoadDirectory(name, out directory);
        if (error != FsError.Success)
        {
            return error;
        }
        if (directory.LinkCount == 0)
        {
            return FsError.NotFound;
        }
        error = fileSystem.Directories.Find(directory, name, out _, out var exists);
        return error != FsError.Success ? error : exists ? FsError.Exists : FsError.Success;
    }

    private FsError FindChild(ReadOnlySpan<byte> name, out Inode directory, out EntryLocation location, out Inode child)
    {
        directory = null!;
        location = default;
        child = null!;
        if (fileSystem.IsReadOnly)
        {
            return FsError.ReadOnly;
        }
        var error = LoadDirectory(name, out directory);
        if (error != FsError.Success)
        {
            return error;
        }
        error = fileSystem.Directories.Find(directory, name, out location, out var found);
        if (error != FsError.Success)
        {
            return error;
        }
        if (!found)
        {
            return FsError.NotFound;
        }
        error = fileSystem.LoadInode(location.Inode, out var loaded);
        if (error != FsError.Success || loaded is null)
        {
            return error;
        }
        if (loaded.LinkCount == 0 || loaded.Number == Ext2FileSystem.RootInode)
        {
            return loaded.Number == Ext2FileSystem.RootInode ? FsError.Busy : FsError.Corrupted;
        }
        child = loaded;
        return FsError.Success;
    }

    private FsError CreateInode(ReadOnlySpan<byte> name, NodeKind newKind, ushort mode, uint userId, uint groupId, ReadOnlySpan<byte> target, out INode? node)
    {
        node = null;
        fileSystem.Store.StartOperation();
        var error = PrepareChange(name, out var directory);
        if (error != FsError.Success)
        {
            return error;
        }
        var isDirectory = newKind == NodeKind.Directory;
        if (isDirectory && !Ext2FileSystem.CanAddLink(directory))
        {
            return FsError.TooManyLinks;
        }
        error = fileSystem.Inodes.Allocate(number, isDirectory, out var newNumber);
        if (error != FsError.Success)
        {
            return error;
        }
        var now = fileSystem.Now();
        // The parent counts the new directory's ".." before the block holding it is written.
        if (isDirectory)
        {
            error = TouchDirectory(directory, now, 1);
            if (error != FsError.Success)
            {
                fileSystem.Inodes.Free(newNumber, isDirectory);
                return error;
            }
        }
        var inode = new Inode(newNumber, new byte[fileSystem.Superblock.InodeSize]);
        inode.InitializeExtra();
        inode.Mode = mode;
        inode.UserId = userId;
        inode.GroupId = groupId;
        inode.LinkCount = (ushort)(isDirectory ? 2 : 1);
        inode.AccessTime = now;
        inode.ChangeTime = now;
        inode.ModifyTime = now;
        inode.BirthTime = now;
        error = WriteInitialContents(inode, isDirectory, target);
        if (error == FsError.Success)
        {
            error = fileSystem.StoreInode(inode);
        }
        if (error == FsError.Success)
        {
            error = fileSystem.Directories.Add(directory, name, newNumber, InodeMode.EntryTypeOf(newKind));
        }
        if (error != FsError.Success)
        {
            inode.LinkCount = 0;
            fileSystem.StoreInode(inode);
            fileSystem.ReleaseIfUnlinked(newNumber);
            if (isDirectory)
            {
                TouchDirectory(directory, now, -1);
            }
            return error;
        }
        error = TouchDirectory(directory, now, 0);
        if (error != FsError.Success)
        {
            return error;
        }
        node = new Ext2Node(fileSystem, newNumber, newKind);
        return FsError.Success;
    }

    /// <summary>A new directory's "." and ".." block, or a symbolic link's target; written before the inode that points at it.</summary>
    private FsError WriteInitialContents(Inode inode, bool isDirectory, ReadOnlySpan<byte> target)
    {
        if (!isDirectory && target.Length < SymbolicLink.FastLimit)
        {
            target.CopyTo(inode.BlockArea);
            inode.Size = (ulong)target.Length;
            return FsError.Success;
        }
        var superblock = fileSystem.Superblock;
        var goal = superblock.FirstDataBlock + (ulong)((inode.Number - 1) / superblock.InodesPerGroup) * superblock.BlocksPerGroup;
        var error = fileSystem.Blocks.Allocate(goal, out var block);
        if (error != FsError.Success)
        {
            return error;
        }
        var buffer = new byte[fileSystem.BlockSize];
        if (isDirectory)
        {
            DirectoryFile.FormatFirstBlock(buffer, inode.Number, number, superblock.HasFileType);
            inode.Size = (ulong)fileSystem.BlockSize;
        }
        else
        {
            target.CopyTo(buffer);
            inode.Size = (ulong)target.Length;
        }
        error = fileSystem.Store.WriteBlock(block, buffer);
        if (error != FsError.Success)
        {
            fileSystem.Blocks.Free(block);
            return error;
        }
        inode.SetBlock(0, (uint)block);
        inode.Sectors = (ulong)(fileSystem.BlockSize / 512);
        return FsError.Success;
    }

    private FsError TouchDirectory(Inode directory, long now, int linkChange)
    {
        directory.ModifyTime = now;
        directory.ChangeTime = now;
        directory.LinkCount = (ushort)Math.Max(1, directory.LinkCount + linkChange);
        return fileSystem.StoreInode(directory);
    }

    /// <summary>One name of <paramref name="inode"/> is gone: a directory loses all its links, anything else one; then it is freed unless open.</summary>
    private FsError DropLink(Inode inode, long now, bool isDirectory)
    {
        inode.LinkCount = isDirectory ? (ushort)0 : (ushort)Math.Max(0, inode.LinkCount - 1);
        inode.ChangeTime = now;
        var error = fileSystem.StoreInode(inode);
        if (error != FsError.Success || inode.LinkCount != 0)
        {
            return error;
        }
        return fileSystem.ReleaseIfUnlinked(inode.Number);
    }

    /// <summary>rename(2) must not move a directory beneath itself: walk ".." up from the new parent, bounded by the inode count.</summary>
    private FsError CheckNotBeneath(uint moving, uint newParent)
    {
        var current = newParent;
        for (var steps = 0u; steps <= fileSystem.Superblock.InodesCount; steps++)
        {
            if (current == moving)
            {
                return FsError.InvalidArgument;
            }
            if (current == Ext2FileSystem.RootInode)
            {
                return FsError.Success;
            }
            var error = fileSystem.LoadInode(current, out var inode);
            if (error != FsError.Success || inode is null)
            {
                return error;
            }
            error = fileSystem.Directories.Find(inode, ".."u8, out var parent, out var found);
            if (error != FsError.Success)
            {
                return error;
            }
            if (!found)
            {
                return FsError.Corrupted;
            }
            current = parent.Inode;
        }
        return FsError.Corrupted;
    }

    /// <summary>Linux's dev_t of a device node: i_block[1] in the new encoding, or i_block[0] in the old 8:8 one.</summary>
    private uint DeviceNumber(Inode inode)
    {
        if (kind != NodeKind.CharacterDevice && kind != NodeKind.BlockDevice)
        {
            return 0;
        }
        var old = inode.GetBlock(0);
        return old != 0 ? ((old >> 8) & 0xFF) << 8 | (old & 0xFF) : inode.GetBlock(1);
    }
}
