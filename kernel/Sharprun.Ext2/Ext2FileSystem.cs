using System.Buffers.Binary;
using Sharprun.Ext2.Allocation;
using Sharprun.Ext2.Disk;
using Sharprun.Ext2.Ext4;
using Sharprun.Ext2.Files;
using Sharprun.Ext2.Nodes;
using Sharprun.Ext2.Storage;
using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2;

/// <summary>
/// An ext2 file system on a block device, read-write; ext4 (extents, flex_bg, 64bit, metadata_csum) read-only.
/// Every change is written to the device in crash-safe order (data, then the inode, then the directory entry; bitmaps
/// before pointers, pointers cleared before blocks are freed; see <see cref="Vfs.Blocks.IBlockDevice.StartOperation"/>
/// for how a cache may keep that order); the
/// superblock's and the group descriptors' free counts and the clean state are written at <see cref="Sync"/> and <see cref="Unmount"/>.
/// </summary>
public sealed class Ext2FileSystem : IFileSystem
{
    public const uint RootInode = 2;
    private const uint ExtendedAttributeMagic = 0xEA020000;
    private const ushort MaximumLinks = 32000;

    private readonly Dictionary<uint, Ext2Node> _openNodes = new();
    private readonly Func<long> _clock;
    private readonly ushort _stateAtMount;
    private readonly Ext2Node _root;
    private bool _unmounted;

    private Ext2FileSystem(BlockStore store, Superblock superblock, GroupDescriptorTable groups, bool readOnly, bool isExt4, Func<long> clock)
    {
        Store = store;
        Superblock = superblock;
        Groups = groups;
        IsReadOnly = readOnly;
        TypeName = isExt4 ? "ext4" : "ext2";
        _clock = clock;
        _stateAtMount = superblock.State;
        Blocks = new BlockAllocator(superblock, groups, store);
        Inodes = new InodeAllocator(superblock, groups, store);
        IndirectMap = new IndirectBlockMap(superblock, store, Blocks);
        Extents = new ExtentTree(superblock, store);
        Directories = new DirectoryFile(this);
        _root = new Ext2Node(this, RootInode, NodeKind.Directory);
    }

    public string TypeName { get; }

    public long Magic => Superblock.Magic;

    public bool IsReadOnly { get; }

    public INode Root => _root;

    internal BlockStore Store { get; }
    internal Superblock Superblock { get; }
    internal GroupDescriptorTable Groups { get; }
    internal BlockAllocator Blocks { get; }
    internal InodeAllocator Inodes { get; }
    internal IndirectBlockMap IndirectMap { get; }
    internal ExtentTree Extents { get; }
    internal DirectoryFile Directories { get; }
    internal int BlockSize => Superblock.BlockSize;

    /// <summary>The largest regular file: what the block map addresses, within i_blocks' 32 bits, 2 GiB without large_file.</summary>
    internal long MaximumFileSize =>
        Superblock.HasLargeFile ? (long)Math.Min(IndirectMap.MaximumBlocks * (ulong)BlockSize, 1UL << 40) : int.MaxValue;

    internal long Now() => _clock();

    public static FsError TryMount(IBlockDevice device, bool readOnly, out Ext2FileSystem? fileSystem, out string message) =>
        TryMount(device, readOnly, () => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100, out fileSystem, out message);

    /// <summary>Mounts with <paramref name="clock"/> (nanoseconds since the Unix epoch) for the times it stamps.</summary>
    public static FsError TryMount(IBlockDevice device, bool readOnly, Func<long> clock, out Ext2FileSystem? fileSystem, out string message)
    {
        fileSystem = null;
        var store = new BlockStore(device);
        var bytes = new byte[Superblock.Size];
        var error = store.ReadBytes(Superblock.ByteOffset, bytes);
        if (error != FsError.Success)
        {
            message = "ext2: cannot read the superblock";
            return error;
        }
        error = Superblock.TryParse(bytes, store.DeviceBytes, out var superblock, out message);
        if (error != FsError.Success || superblock is null)
        {
            return error;
        }

        var incompat = superblock.IncompatFeatures;
        if ((incompat & FeatureNames.IncompatRecover) != 0)
        {
            message = "ext4: the journal needs recovery (needs_recovery); refusing to mount";
            return FsError.NotSupported;
        }
        var unknownIncompat = incompat & ~(FeatureNames.Ext2Incompat | FeatureNames.Ext4Incompat);
        if (unknownIncompat != 0)
        {
            message = $"ext2: unsupported incompatible feature '{FeatureNames.Incompat(FeatureNames.LowestBit(unknownIncompat))}'";
            return FsError.NotSupported;
        }
        var roCompat = superblock.RoCompatFeatures;
        var isExt4 = (incompat & FeatureNames.Ext4Incompat) != 0 || (roCompat & FeatureNames.Ext4RoCompat) != 0
            || (superblock.CompatFeatures & FeatureNames.CompatHasJournal) != 0;
        var unknownRoCompat = roCompat & ~(FeatureNames.Ext2RoCompat | FeatureNames.Ext4RoCompat);
        var notes = new List<string>();
        if (unknownRoCompat != 0)
        {
            notes.Add($"ext2: unsupported read-only feature '{FeatureNames.RoCompat(FeatureNames.LowestBit(unknownRoCompat))}'; mounted read-only");
            readOnly = true;
        }
        if (isExt4)
        {
            notes.Add("ext4: mounted read-only (ext4 and journaled file systems are read-only here)");
            readOnly = true;
        }
        if (superblock.HasMetadataChecksum && !Checksums.SuperblockMatches(superblock))
        {
            message = "ext4: superblock checksum mismatch";
            return FsError.Corrupted;
        }
        if (!store.SetBlockSize(superblock.BlockSize))
        {
            message = $"ext2: block size {superblock.BlockSize} is not a multiple of the device's sector size {device.SectorSize}";
            return FsError.NotSupported;
        }
        error = GroupDescriptorTable.TryRead(store, superblock, out var groups, out message);
        if (error != FsError.Success || groups is null)
        {
            return error;
        }
        if (device.IsReadOnly && !readOnly)
        {
            notes.Add("ext2: device is read-only; mounted read-only");
            readOnly = true;
        }

        var candidate = new Ext2FileSystem(store, superblock, groups, readOnly, isExt4, clock);
        error = candidate.LoadInode(RootInode, out var root);
        if (error != FsError.Success || root is null || (root.Mode & InodeMode.TypeMask) != InodeMode.Directory || root.LinkCount == 0)
        {
            message = "ext2: the root inode is not a directory";
            return error == FsError.Success ? FsError.Corrupted : error;
        }
        if (!readOnly)
        {
            superblock.State = (ushort)(superblock.State & ~Superblock.StateValid);
            superblock.MountCount++;
            superblock.MountTime = candidate.NowSeconds();
            error = candidate.WriteSuperblock();
            if (error == FsError.Success)
            {
                error = store.Flush();
            }
            if (error != FsError.Success)
            {
                message = "ext2: cannot write the superblock";
                return error;
            }
        }
        message = string.Join("; ", notes);
        fileSystem = candidate;
        return FsError.Success;
    }

    public FsError GetStatistics(out FileSystemStatistics statistics)
    {
        var free = (long)Superblock.FreeBlocksCount;
        statistics = new FileSystemStatistics(
            Magic,
            BlockSize,
            (long)Superblock.BlocksCount,
            free,
            Math.Max(0, free - (long)Superblock.ReservedBlocksCount),
            Superblock.InodesCount,
            Superblock.FreeInodesCount,
            DirectoryBlock.MaximumNameLength);
        return FsError.Success;
    }

    public FsError Sync()
    {
        if (IsReadOnly || _unmounted)
        {
            return FsError.Success;
        }
        Store.StartOperation();
        var error = Groups.WriteChanged(Store);
        if (error == FsError.Success)
        {
            error = WriteSuperblock();
        }
        return error != FsError.Success ? error : Store.Flush();
    }

    public FsError Unmount()
    {
        if (_unmounted)
        {
            return FsError.Success;
        }
        var result = FsError.Success;
        if (!IsReadOnly)
        {
            var stillOpen = _openNodes.Keys.ToArray();
            _openNodes.Clear();
            foreach (var open in stillOpen)
            {
                var error = ReleaseIfUnlinked(open);
                if (result == FsError.Success)
                {
                    result = error;
                }
            }
            Superblock.State = _stateAtMount;
            Superblock.WriteTime = NowSeconds();
            var groups = Groups.WriteChanged(Store);
            var written = groups != FsError.Success ? groups : WriteSuperblock();
            var flushed = Store.Flush();
            result = result != FsError.Success ? result : written != FsError.Success ? written : flushed;
        }
        _openNodes.Clear();
        _unmounted = true;
        return result;
    }

    internal uint NowSeconds() => (uint)(Now() / 1_000_000_000);

    internal FsError WriteSuperblock() => Store.WriteBytes(Superblock.ByteOffset, Superblock.Raw);

    internal FsError LoadInode(uint number, out Inode? inode)
    {
        inode = null;
        if (!Locate(number, out var block, out var offset))
        {
            return FsError.Corrupted;
        }
        var error = Store.ViewBlock(block, out var table);
        if (error != FsError.Success)
        {
            return error;
        }
        var raw = table.Slice(offset, Superblock.InodeSize);
        if (Superblock.InodeSize > 128)
        {
            int extra = BinaryPrimitives.ReadUInt16LittleEndian(raw[0x80..]);
            if (128 + extra > raw.Length || (extra & 3) != 0)
            {
                return FsError.Corrupted;
            }
        }
        if (Superblock.HasMetadataChecksum && !Checksums.InodeMatches(Superblock, number, raw))
        {
            return FsError.Corrupted;
        }
        inode = new Inode(number, raw.ToArray());
        return FsError.Success;
    }

    internal FsError StoreInode(Inode inode)
    {
        if (!Locate(inode.Number, out var block, out var offset))
        {
            return FsError.Corrupted;
        }
        return Store.WriteBlockPart(block, offset, inode.Raw);
    }

    /// <summary>The physical block behind a logical block of a file (0 for a hole), through extents or the block map.</summary>
    internal FsError MapBlock(Inode inode, ulong logical, out ulong physical) =>
        (inode.Flags & Inode.ExtentsFlag) != 0 ? Extents.Map(inode, logical, out physical) : IndirectMap.Map(inode, logical, out physical);

    /// <summary>The node for an inode a directory entry names: the open object when there is one.</summary>
    internal FsError GetNode(uint number, out INode? node)
    {
        node = null;
        if (number == RootInode)
        {
            node = _root;
            return FsError.Success;
        }
        if (_openNodes.TryGetValue(number, out var open))
        {
            node = open;
            return FsError.Success;
        }
        var error = LoadInode(number, out var inode);
        if (error != FsError.Success || inode is null)
        {
            return error;
        }
        if (inode.LinkCount == 0 || !InodeMode.TryKindOf(inode.Mode, out var kind))
        {
            return FsError.Corrupted;
        }
        node = new Ext2Node(this, number, kind);
        return FsError.Success;
    }

    internal void Opened(Ext2Node node)
    {
        if (node.Number != RootInode)
        {
            _openNodes.TryAdd((uint)node.Number, node);
        }
    }

    internal void Closed(Ext2Node node)
    {
        var key = (uint)node.Number;
        if (_openNodes.TryGetValue(key, out var registered) && registered == node)
        {
            _openNodes.Remove(key);
        }
        if (!IsReadOnly && !_unmounted)
        {
            ReleaseIfUnlinked(key);
        }
    }

    internal bool IsOpen(uint number) => _openNodes.TryGetValue(number, out var node) && node.OpenCount > 0;

    internal static bool CanAddLink(Inode inode) => inode.LinkCount < MaximumLinks;

    /// <summary>Frees an inode whose last link is gone, unless it is still open (then its last close does).</summary>
    internal FsError ReleaseIfUnlinked(uint number)
    {
        if (IsOpen(number))
        {
            return FsError.Success;
        }
        Store.StartOperation();
        var error = LoadInode(number, out var inode);
        if (error != FsError.Success || inode is null || inode.LinkCount != 0 || inode.Mode == 0)
        {
            return error;
        }
        return Release(inode);
    }

    /// <summary>Sets a regular file's or directory's size, detaching and then freeing the blocks past it.</summary>
    internal FsError Truncate(Inode inode, ulong size)
    {
        var blockSize = (ulong)BlockSize;
        var keep = (size + blockSize - 1) / blockSize;
        var detached = new List<ulong>();
        if (size < inode.Size)
        {
            if (size % blockSize != 0)
            {
                var error = MapBlock(inode, size / blockSize, out var last);
                if (error != FsError.Success)
                {
                    return error;
                }
                if (last != 0)
                {
                    var buffer = new byte[BlockSize];
                    error = Store.ReadBlock(last, buffer);
                    if (error == FsError.Success)
                    {
                        buffer.AsSpan((int)(size % blockSize)).Clear();
                        error = Store.WriteBlock(last, buffer);
                    }
                    if (error != FsError.Success)
                    {
                        return error;
                    }
                }
            }
            var detachError = IndirectMap.Detach(inode, keep, detached);
            if (detachError != FsError.Success)
            {
                return detachError;
            }
        }
        inode.Size = size;
        var freedSectors = (ulong)detached.Count * (blockSize / 512);
        inode.Sectors = inode.Sectors > freedSectors ? inode.Sectors - freedSectors : 0;
        var result = StoreInode(inode);
        if (result != FsError.Success)
        {
            return result;
        }
        return FreeAll(detached);
    }

    private FsError Release(Inode inode)
    {
        var type = inode.Mode & InodeMode.TypeMask;
        var isDirectory = type == InodeMode.Directory;
        if (isDirectory)
        {
            Directories.Forget(inode.Number);
        }
        var hasBlocks = type == InodeMode.Regular || isDirectory || (type == InodeMode.SymbolicLink && !Files.SymbolicLink.IsFast(this, inode));
        var detached = new List<ulong>();
        if (hasBlocks && (inode.Flags & Inode.ExtentsFlag) == 0)
        {
            var error = IndirectMap.Detach(inode, 0, detached);
            if (error != FsError.Success)
            {
                return error;
            }
        }
        var attributeBlock = inode.ExtendedAttributeBlock;
        inode.ExtendedAttributeBlock = 0;
        inode.Size = 0;
        inode.Sectors = 0;
        inode.DeletionTime = NowSeconds();
        var result = StoreInode(inode);
        if (result != FsError.Success)
        {
            return result;
        }
        result = FreeAll(detached);
        if (attributeBlock != 0)
        {
            var error = ReleaseAttributeBlock(attributeBlock);
            result = result != FsError.Success ? result : error;
        }
        var freed = Inodes.Free(inode.Number, isDirectory);
        return result != FsError.Success ? result : freed;
    }

    /// <summary>Drops one reference to a shared extended-attribute block, freeing it with the last.</summary>
    private FsError ReleaseAttributeBlock(ulong block)
    {
        if (!IndirectMap.IsValidBlock(block))
        {
            return FsError.Corrupted;
        }
        var buffer = new byte[BlockSize];
        var error = Store.ReadBlock(block, buffer);
        if (error != FsError.Success)
        {
            return error;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) != ExtendedAttributeMagic)
        {
            return FsError.Corrupted;
        }
        var references = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(4));
        if (references > 1)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), references - 1);
            return Store.WriteBlock(block, buffer);
        }
        return Blocks.Free(block);
    }

    private FsError FreeAll(List<ulong> blocks)
    {
        var result = FsError.Success;
        foreach (var block in blocks)
        {
            var error = Blocks.Free(block);
            if (result == FsError.Success)
            {
                result = error;
            }
        }
        return result;
    }

    private bool Locate(uint number, out ulong block, out int offset)
    {
        block = 0;
        offset = 0;
        if (number == 0 || number > Superblock.InodesCount)
        {
            return false;
        }
        var group = (number - 1) / Superblock.InodesPerGroup;
        var index = (ulong)((number - 1) % Superblock.InodesPerGroup);
        var byteOffset = index * (ulong)Superblock.InodeSize;
        block = Groups[group].InodeTable + byteOffset / (ulong)BlockSize;
        offset = (int)(byteOffset % (ulong)BlockSize);
        return true;
    }
}
