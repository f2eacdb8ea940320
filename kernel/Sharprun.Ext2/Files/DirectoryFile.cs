using Sharprun.Ext2.Disk;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Files;

/// <summary>
/// A directory's contents as linear entries across its blocks: lookup, listing, insertion (first fit: into the slack
/// of the first entry with room, or a new block) and removal (merged into the entry before it). Any change clears
/// the hashed-index flag on the caller's directory inode, since the on-disk index is not maintained here; the caller
/// stores that inode. Directories of a few blocks or more get an in-memory <see cref="DirectoryIndex"/> on their
/// first scan, so lookups and insertions read one block instead of all of them.
/// </summary>
internal sealed class DirectoryFile(Ext2FileSystem fileSystem)
{
    // A directory of one block is scanned as fast as an index is consulted; past this many blocks an index would
    // hold more names than a small guest should spend its memory on, and such directories are rare.
    private const ulong SmallestIndexed = 2;
    private const ulong LargestIndexed = 256;
    private const int IndexedDirectories = 32;

    private readonly Dictionary<uint, DirectoryIndex> _indexes = [];

    public FsError Find(Inode directory, ReadOnlySpan<byte> name, out EntryLocation location, out bool found)
    {
        location = default;
        found = false;
        var error = CountBlocks(directory, out var blocks);
        DirectoryIndex? index = null;
        if (error == FsError.Success)
        {
            error = IndexOf(directory, blocks, out index);
        }
        if (error == FsError.Success && index is not null)
        {
            if (!index.TryFind(name, out var indexed))
            {
                return FsError.Success;
            }
            error = FindInBlock(directory, indexed, name, out location, out found);
            if (error != FsError.Success || found)
            {
                return error;
            }
            // The index named a block that does not hold the name: drop it and scan.
            Forget(directory.Number);
        }
        for (var logical = 0UL; error == FsError.Success && !found && logical < blocks; logical++)
        {
            error = FindInBlock(directory, logical, name, out location, out found);
        }
        return error;
    }

    /// <summary>Drops what is known of a directory's contents: its inode is being freed, and its number may come back.</summary>
    public void Forget(uint directory) => _indexes.Remove(directory);

    private FsError FindInBlock(Inode directory, ulong logical, ReadOnlySpan<byte> name, out EntryLocation location, out bool found)
    {
        location = default;
        found = false;
        var error = ViewBlock(directory, logical, out var buffer, out var physical);
        var previous = -1;
        for (var offset = 0; error == FsError.Success && offset < buffer.Length;)
        {
            error = Parse(buffer, offset, out var record);
            if (error != FsError.Success)
            {
                break;
            }
            if (record.Inode != 0 && buffer.Slice(record.NameOffset, record.NameLength).SequenceEqual(name))
            {
                location = new EntryLocation(physical, offset, previous, record.Inode, record.FileType);
                found = true;
                break;
            }
            previous = offset;
            offset += record.Length;
        }
        return error;
    }

    /// <summary>The directory's index, made by one scan of it when it has none or the one it has is stale; null for directories not indexed.</summary>
    private FsError IndexOf(Inode directory, ulong blocks, out DirectoryIndex? index)
    {
        if (blocks < SmallestIndexed || blocks > LargestIndexed)
        {
            index = null;
            return FsError.Success;
        }
        if (_indexes.TryGetValue(directory.Number, out index) && index.Blocks == blocks)
        {
            return FsError.Success;
        }
        Forget(directory.Number);
        index = new DirectoryIndex(blocks);
        for (var logical = 0UL; logical < blocks; logical++)
        {
            var error = ViewBlock(directory, logical, out var buffer, out _);
            var gap = 0;
            for (var offset = 0; error == FsError.Success && offset < buffer.Length;)
            {
                error = Parse(buffer, offset, out var record);
                if (error == FsError.Success)
                {
                    if (record.Inode != 0)
                    {
                        index.Add(buffer.Slice(record.NameOffset, record.NameLength), logical);
                    }
                    gap = Math.Max(gap, record.Length - record.UsedLength);
                    offset += record.Length;
                }
            }
            if (error != FsError.Success)
            {
                index = null;
                return error;
            }
            index.SetLargestGap(logical, gap);
        }
        if (_indexes.Count >= IndexedDirectories)
        {
            _indexes.Clear();
        }
        _indexes[directory.Number] = index;
        return FsError.Success;
    }

    /// <summary>Every used entry as (name, inode, file type).</summary>
    public FsError List(Inode directory, List<(byte[] Name, uint Inode, byte FileType)> entries)
    {
        var error = CountBlocks(directory, out var blocks);
        if (error != FsError.Success)
        {
            return error;
        }
        for (var logical = 0UL; logical < blocks; logical++)
        {
            error = ViewBlock(directory, logical, out var buffer, out _);
            if (error != FsError.Success)
            {
                return error;
            }
            for (var offset = 0; offset < buffer.Length;)
            {
                error = Parse(buffer, offset, out var record);
                if (error != FsError.Success)
                {
                    return error;
                }
                if (record.Inode != 0)
                {
                    entries.Add((buffer.Slice(record.NameOffset, record.NameLength).ToArray(), record.Inode, record.FileType));
                }
                offset += record.Length;
            }
        }
        return FsError.Success;
    }

    public FsError IsEmpty(Inode directory, out bool empty)
    {
        empty = false;
        var entries = new List<(byte[] Name, uint Inode, byte FileType)>();
        var error = List(directory, entries);
        if (error != FsError.Success)
        {
            return error;
        }
        empty = entries.TrueForAll(e => IsDotOrDotDot(e.Name));
        return FsError.Success;
    }

    /// <summary>Adds an entry; the named inode must already be on disk. A new block is written before the directory inode points at it.</summary>
    public FsError Add(Inode directory, ReadOnlySpan<byte> name, uint inode, byte fileType)
    {
        var needed = DirectoryBlock.LengthFor(name.Length);
        fileType = fileSystem.Superblock.HasFileType ? fileType : (byte)0;
        directory.Flags &= ~Inode.IndexedDirectoryFlag;
        var error = CountBlocks(directory, out var blocks);
        if (error != FsError.Success)
        {
            return error;
        }
        error = IndexOf(directory, blocks, out var index);
        if (error != FsError.Success)
        {
            return error;
        }
        // Blocks before the first with a large enough gap have no room: a first-fit scan would pass them.
        var first = index is null ? 0 : index.FirstBlockWithGap(needed);
        for (var logical = first < 0 ? blocks : (ulong)first; logical < blocks; logical++)
        {
            error = ViewBlock(directory, logical, out var view, out var physical);
            if (error != FsError.Success)
            {
                return error;
            }
            var largestGap = 0;
            for (var offset = 0; offset < view.Length;)
            {
                error = Parse(view, offset, out var record);
                if (error != FsError.Success)
                {
                    return error;
                }
                var slack = record.Length - record.UsedLength;
                largestGap = Math.Max(largestGap, slack);
                if (slack >= needed)
                {
                    // Only the entry that gives up its slack and the new one change: a patch from the first's start.
                    var at = record.UsedLength;
                    var patch = view.Slice(offset, at + needed).ToArray();
                    if (record.Inode != 0)
                    {
                        DirectoryBlock.SetLength(patch, 0, record.UsedLength);
                    }
                    DirectoryBlock.Write(patch, at, inode, slack, name, fileType);
                    error = fileSystem.Store.WriteBlockPart(physical, offset, patch);
                    Added(directory, index, error, name, logical, blocks);
                    return error;
                }
                offset += record.Length;
            }
            index?.SetLargestGap(logical, largestGap);
        }

        var map = fileSystem.IndirectMap;
        var goal = blocks == 0 ? 0 : LastBlockGoal(directory, blocks);
        error = map.MapForWrite(directory, blocks, goal, out var existing, out var slot);
        if (error != FsError.Success)
        {
            return error;
        }
        if (existing != 0)
        {
            return FsError.Corrupted;
        }
        error = fileSystem.Blocks.Allocate(goal, out var fresh);
        if (error != FsError.Success)
        {
            return error;
        }
        var buffer = new byte[fileSystem.BlockSize];
        DirectoryBlock.Write(buffer, 0, inode, buffer.Length, name, fileType);
        error = fileSystem.Store.WriteBlock(fresh, buffer);
        if (error == FsError.Success)
        {
            error = map.SetPointer(directory, slot, (uint)fresh);
        }
        if (error != FsError.Success)
        {
            fileSystem.Blocks.Free(fresh);
            Forget(directory.Number);
            return error;
        }
        directory.Sectors += (ulong)(fileSystem.BlockSize / 512);
        directory.Size += (ulong)fileSystem.BlockSize;
        index?.SetLargestGap(blocks, buffer.Length - needed);
        Added(directory, index, error, name, blocks, blocks + 1);
        return FsError.Success;
    }

    /// <summary>
    /// Keeps the directory's index in step with an insertion into block <paramref name="logical"/> (whose gap bound
    /// stays: the next scan of it corrects it), or drops it when the insertion failed.
    /// </summary>
    private void Added(Inode directory, DirectoryIndex? index, FsError error, ReadOnlySpan<byte> name, ulong logical, ulong blocks)
    {
        if (index is null)
        {
            return;
        }
        if (error != FsError.Success)
        {
            Forget(directory.Number);
            return;
        }
        index.Add(name, logical);
        index.Blocks = blocks;
    }

    /// <summary>Removes the entry at <paramref name="location"/> by merging it into the one before (or marking the first of a block unused).</summary>
    public FsError Remove(Inode directory, EntryLocation location)
    {
        directory.Flags &= ~Inode.IndexedDirectoryFlag;
        var error = fileSystem.Store.ViewBlock(location.Block, out var view);
        if (error != FsError.Success)
        {
            return error;
        }
        error = Parse(view, location.Offset, out var record);
        if (error != FsError.Success || record.Inode != location.Inode)
        {
            return error != FsError.Success ? error : FsError.Corrupted;
        }
        var name = view.Slice(record.NameOffset, record.NameLength).ToArray();
        int gap;
        if (location.PreviousOffset < 0)
        {
            var header = Header(view, location.Offset);
            DirectoryBlock.SetInode(header, 0, 0, 0);
            error = fileSystem.Store.WriteBlockPart(location.Block, location.Offset, header);
            gap = record.Length;
        }
        else
        {
            error = Parse(view, location.PreviousOffset, out var previous);
            if (error != FsError.Success || previous.Offset + previous.Length != location.Offset)
            {
                return error != FsError.Success ? error : FsError.Corrupted;
            }
            var merged = Header(view, previous.Offset);
            DirectoryBlock.SetLength(merged, 0, previous.Length + record.Length);
            error = fileSystem.Store.WriteBlockPart(location.Block, previous.Offset, merged);
            gap = previous.Length + record.Length - previous.UsedLength;
        }
        Removed(directory, error, name, location.Block, gap);
        return error;
    }

    /// <summary>Keeps the directory's index in step with a removal from <paramref name="physical"/> that left a gap of <paramref name="gap"/> bytes, or drops it.</summary>
    private void Removed(Inode directory, FsError error, byte[] name, ulong physical, int gap)
    {
        if (!_indexes.TryGetValue(directory.Number, out var index))
        {
            return;
        }
        if (error != FsError.Success || !index.TryFind(name, out var logical)
            || fileSystem.MapBlock(directory, logical, out var inBlock) != FsError.Success || inBlock != physical)
        {
            Forget(directory.Number);
            return;
        }
        index.Remove(name);
        index.WidenLargestGap(logical, gap);
    }

    /// <summary>Points an existing entry at another inode (rename over a name, or a moved directory's "..").</summary>
    public FsError Retarget(Inode directory, EntryLocation location, uint inode, byte fileType)
    {
        directory.Flags &= ~Inode.IndexedDirectoryFlag;
        var error = fileSystem.Store.ViewBlock(location.Block, out var view);
        if (error != FsError.Success)
        {
            return error;
        }
        error = Parse(view, location.Offset, out var record);
        if (error != FsError.Success || record.Inode != location.Inode)
        {
            return error != FsError.Success ? error : FsError.Corrupted;
        }
        var header = Header(view, location.Offset);
        DirectoryBlock.SetInode(header, 0, inode, fileSystem.Superblock.HasFileType ? fileType : (byte)0);
        return fileSystem.Store.WriteBlockPart(location.Block, location.Offset, header);
    }

    /// <summary>A copy of the header of the entry at <paramref name="offset"/>: a removal or retarget changes nothing else.</summary>
    private static byte[] Header(ReadOnlySpan<byte> block, int offset) => block.Slice(offset, DirectoryBlock.HeaderLength).ToArray();

    /// <summary>The first block of a new directory: "." and "..".</summary>
    public static void FormatFirstBlock(Span<byte> block, uint self, uint parent, bool hasFileType)
    {
        block.Clear();
        var type = hasFileType ? InodeMode.EntryTypeOf(Vfs.Nodes.NodeKind.Directory) : (byte)0;
        DirectoryBlock.Write(block, 0, self, 12, "."u8, type);
        DirectoryBlock.Write(block, 12, parent, block.Length - 12, ".."u8, type);
    }

    public static bool IsDotOrDotDot(ReadOnlySpan<byte> name) => name.SequenceEqual("."u8) || name.SequenceEqual(".."u8);

    private ulong LastBlockGoal(Inode directory, ulong blocks) =>
        fileSystem.MapBlock(directory, blocks - 1, out var last) == FsError.Success && last != 0 ? last + 1 : 0;

    private FsError Parse(ReadOnlySpan<byte> buffer, int offset, out DirectoryRecord record) =>
        DirectoryBlock.TryRead(buffer, offset, fileSystem.Superblock.HasFileType, fileSystem.Superblock.InodesCount, out record);

    /// <summary>A directory's size must be whole blocks, and no more of them than the file system has.</summary>
    private FsError CountBlocks(Inode directory, out ulong blocks)
    {
        var size = directory.Size;
        var blockSize = (ulong)fileSystem.BlockSize;
        blocks = size / blockSize;
        if (size % blockSize != 0 || blocks > fileSystem.Superblock.BlocksCount || (directory.Flags & Inode.InlineDataFlag) != 0)
        {
            return FsError.Corrupted;
        }
        return FsError.Success;
    }

    /// <summary>A directory block as cached (see <see cref="Storage.BlockStore.ViewBlock"/>): scans read many and change at most one.</summary>
    private FsError ViewBlock(Inode directory, ulong logical, out ReadOnlySpan<byte> view, out ulong physical)
    {
        view = default;
        var error = fileSystem.MapBlock(directory, logical, out physical);
        if (error != FsError.Success)
        {
            return error;
        }
        return physical == 0 ? FsError.Corrupted : fileSystem.Store.ViewBlock(physical, out view);
    }
}
