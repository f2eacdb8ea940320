namespace Sharprun.Vfs.Blocks;

/// <summary>
/// A write-back cache in front of a device: sectors are cached in blocks of <see cref="BlockSize"/> bytes, at most
/// <c>byteLimit</c> bytes of them, the least recently used evicted first. Writes only dirty the cache; dirty blocks
/// go back in an order that keeps a file system's crash-safe write order (ext2's: bitmaps before pointers, inodes
/// before directory entries, pointers cleared before blocks are freed) — written in ascending order, a power cut
/// mid-flush left directory entries naming unwritten inodes and blocks claimed twice. Within an operation (from one
/// <see cref="StartOperation"/> to the next) each write must reach the device after the one before it; an
/// operation's writes need not follow an earlier operation's, except through the blocks they share: a block changed
/// again carries the order of all its changes. The cache keeps these constraints as a graph of dirty blocks, each
/// with the blocks it must follow, and a place in a write-back order every constraint agrees with. A block changed
/// again stays where it is if it already follows what the new change must follow; otherwise it moves to the end
/// together with every block waiting for it; only when one of those is what the change must follow (a cycle: the
/// block would have to reach the device both before and after it) is its earlier content written back first. So a
/// run of operations that keep changing the same bitmap, inode table and directory blocks costs no writes until
/// the flush. Unordered writes (<see cref="WriteUnordered"/>: counts a checker recomputes) take no place in the
/// order: they coalesce freely and go back at the next flush or eviction. <see cref="Flush"/> writes every dirty
/// block in that order and then flushes the device; evicting a dirty block writes the blocks it must follow first.
/// A read that misses the block after the one the previous miss ended at reads ahead: up to
/// <see cref="ReadAheadBytes"/> of the uncached blocks that follow, in one request, since a file system reads a file
/// block by block and each request to the device costs far more than its bytes. A read that covers several whole
/// uncached blocks (a file system reading a file's run of consecutive blocks into the application's buffer) goes to
/// the device as one request straight into the caller's buffer, without caching what streams past. The last block
/// of a device whose size is not a multiple of the block size is short.
/// </summary>
public sealed class CachedBlockDevice : IBlockDevice
{
    private const int ReadAheadBytes = 128 * 1024;
    private const int WriteBackRequestBytes = 128 * 1024;
    private const int DirectReadBytes = 1024 * 1024;

    private readonly IBlockDevice _inner;
    private readonly int _sectorsPerBlock;
    private readonly int _blockLimit;
    private readonly Dictionary<long, LinkedListNode<CachedBlock>> _blocks = [];
    private readonly LinkedList<CachedBlock> _recency = new();
    // Dirty blocks by place: a block placed again goes to the end with a larger place, so the list stays sorted.
    private readonly LinkedList<CachedBlock> _order = new();
    private readonly HashSet<CachedBlock> _unordered = [];
    private long _lastPlace;
    // The blocks of the current operation's latest ordered write: what its next write must follow.
    private CachedBlock[] _operationTail = [];
    // Scratch space of Order, which runs for every ordered write, and of Collect.
    private readonly HashSet<CachedBlock> _waiting = [];
    private readonly Stack<CachedBlock> _pending = new();
    private readonly List<CachedBlock> _moving = [];
    private long _lastReadMiss = -2;
    private byte[]? _staging;

    public CachedBlockDevice(IBlockDevice inner, long byteLimit, int blockSize = 4096)
    {
        if (blockSize < inner.SectorSize || blockSize % inner.SectorSize != 0)
            throw new ArgumentOutOfRangeException(nameof(blockSize), "a block is a whole number of sectors");
        _inner = inner;
        BlockSize = blockSize;
        _sectorsPerBlock = blockSize / inner.SectorSize;
        _blockLimit = (int)Math.Clamp(byteLimit / blockSize, 1, int.MaxValue);
    }

    public int SectorSize => _inner.SectorSize;

    public long SectorCount => _inner.SectorCount;

    public bool IsReadOnly => _inner.IsReadOnly;

    public int BlockSize { get; }

    public int CachedBlocks => _blocks.Count;

    public int DirtyBlocks => _order.Count + _unordered.Count;

    public FsError Read(long sector, Span<byte> buffer)
    {
        FsError error = CheckRange(sector, buffer.Length);
        while (error == FsError.Success && !buffer.IsEmpty)
        {
            int direct = UncachedWholeBlocks(sector, buffer.Length);
            if (direct >= 2)
            {
                int bytes = direct * BlockSize;
                error = _inner.Read(sector, buffer[..bytes]);
                _lastReadMiss = sector / _sectorsPerBlock + direct - 1;
                buffer = buffer[bytes..];
                sector += bytes / SectorSize;
                continue;
            }
            error = Locate(sector, out CachedBlock? block, out int within, out int length, buffer.Length, loadIfPartial: true);
            if (error != FsError.Success)
                break;
            block!.Data.AsSpan(within, length).CopyTo(buffer);
            buffer = buffer[length..];
            sector += length / SectorSize;
        }
        return error;
    }

    public FsError Write(long sector, ReadOnlySpan<byte> data) => Change(sector, data, ordered: true);

    public FsError WriteUnordered(long sector, ReadOnlySpan<byte> data) => Change(sector, data, ordered: false);

    /// <summary>
    /// Starts an operation: the writes that follow are ordered after one another but not after the writes made before
    /// this call, except through the blocks they change again (see the summary).
    /// </summary>
    public void StartOperation() => _operationTail = [];

    private FsError Change(long sector, ReadOnlySpan<byte> data, bool ordered)
    {
        if (_inner.IsReadOnly)
            return FsError.ReadOnly;
        FsError error = CheckRange(sector, data.Length);
        CachedBlock[] mustFollow = _operationTail;
        var changed = ordered ? new List<CachedBlock>(Math.Max(1, data.Length / BlockSize)) : null;
        while (error == FsError.Success && !data.IsEmpty)
        {
            error = Locate(sector, out CachedBlock? block, out int within, out int length, data.Length, loadIfPartial: false);
            if (error == FsError.Success && ordered)
                error = Order(block!, mustFollow);
            if (error != FsError.Success)
                break;
            data[..length].CopyTo(block!.Data.AsSpan(within));
            if (ordered)
            {
                changed!.Add(block);
                _unordered.Remove(block);
            }
            // A block with a place in the order takes an unordered change there; any other waits for the next flush.
            else if (!block.IsDirty)
            {
                _unordered.Add(block);
            }
            data = data[length..];
            sector += length / SectorSize;
        }
        if (ordered && changed!.Count > 0)
            _operationTail = [.. changed];
        return error;
    }

    /// <summary>
    /// Gives <paramref name="block"/>, about to take a change that must reach the device after
    /// <paramref name="mustFollow"/>, a place in the write-back order after them, and records the constraint.
    /// </summary>
    private FsError Order(CachedBlock block, CachedBlock[] mustFollow)
    {
        if (block.IsDirty && !AllPlacedBefore(mustFollow, block))
        {
            HashSet<CachedBlock> waiting = WaitingFor(block);
            if (Array.Exists(mustFollow, waiting.Contains))
            {
                // A cycle: the block's earlier content goes back now, so only the new change has to follow.
                FsError error = WriteBack(block);
                if (error != FsError.Success)
                    return error;
            }
            else
            {
                _moving.Clear();
                _moving.AddRange(waiting);
                _moving.Sort(static (a, b) => a.Place.CompareTo(b.Place));
                foreach (CachedBlock moving in _moving)
                {
                    _order.Remove(moving.OrderNode);
                    Place(moving);
                }
            }
        }
        if (!block.IsDirty)
            Place(block);
        foreach (CachedBlock prerequisite in mustFollow)
        {
            if (prerequisite != block && prerequisite.IsDirty && block.Prerequisites.Add(prerequisite))
                prerequisite.Dependents.Add(block);
        }
        return FsError.Success;
    }

    private static bool AllPlacedBefore(CachedBlock[] mustFollow, CachedBlock block)
    {
        foreach (CachedBlock prerequisite in mustFollow)
        {
            if (prerequisite != block && prerequisite.IsDirty && prerequisite.Place > block.Place)
                return false;
        }
        return true;
    }

    /// <summary>The block and every dirty block that waits for it, directly or through others (in a set reused by the next call).</summary>
    private HashSet<CachedBlock> WaitingFor(CachedBlock block)
    {
        _waiting.Clear();
        Collect(block, static b => b.Dependents, _waiting);
        return _waiting;
    }

    /// <summary>Adds <paramref name="block"/> and every block it reaches through <paramref name="edges"/> to <paramref name="found"/>.</summary>
    private void Collect(CachedBlock block, Func<CachedBlock, HashSet<CachedBlock>> edges, HashSet<CachedBlock> found)
    {
        found.Add(block);
        _pending.Push(block);
        while (_pending.TryPop(out CachedBlock? next))
        {
            foreach (CachedBlock reached in edges(next))
            {
                if (found.Add(reached))
                    _pending.Push(reached);
            }
        }
    }

    private void Place(CachedBlock block)
    {
        block.Place = ++_lastPlace;
        _order.AddLast(block.OrderNode);
    }

    public FsError Flush()
    {
        FsError error = WriteBackInOrder([.. _order]);
        foreach (CachedBlock block in _unordered.ToArray())
        {
            if (error != FsError.Success)
                break;
            error = WriteBackUnordered(block);
        }
        return error != FsError.Success ? error : _inner.Flush();
    }

    private FsError WriteBackUnordered(CachedBlock block)
    {
        FsError error = _inner.Write(block.Index * _sectorsPerBlock, block.Data);
        if (error == FsError.Success)
            _unordered.Remove(block);
        return error;
    }

    private FsError CheckRange(long sector, int length)
    {
        if (length % SectorSize != 0 || sector < 0)
            return FsError.InvalidArgument;
        return sector > SectorCount - length / SectorSize ? FsError.InvalidArgument : FsError.Success;
    }

    /// <summary>
    /// The cached block holding <paramref name="sector"/>, made most recent, and the byte span of it the request
    /// covers. A block the request covers only in part is read from the device first; a write covering it whole is not.
    /// </summary>
    private FsError Locate(long sector, out CachedBlock? block, out int within, out int length, int remaining, bool loadIfPartial)
    {
        long index = sector / _sectorsPerBlock;
        long firstSector = index * _sectorsPerBlock;
        int blockBytes = (int)Math.Min(_sectorsPerBlock, SectorCount - firstSector) * SectorSize;
        within = (int)(sector - firstSector) * SectorSize;
        length = Math.Min(remaining, blockBytes - within);
        if (_blocks.TryGetValue(index, out LinkedListNode<CachedBlock>? node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            block = node.Value;
            return FsError.Success;
        }
        block = null;
        if (loadIfPartial)
        {
            int run = index == _lastReadMiss + 1 ? ReadAheadRun(index) : 1;
            _lastReadMiss = index + run - 1;
            if (run > 1)
                return LoadRun(index, run, out block);
        }
        FsError error = MakeRoom(1);
        if (error != FsError.Success)
            return error;
        var loaded = new CachedBlock(index, new byte[blockBytes]);
        if (loadIfPartial || length != blockBytes)
        {
            error = _inner.Read(firstSector, loaded.Data);
            if (error != FsError.Success)
                return error;
        }
        _blocks.Add(index, _recency.AddFirst(loaded));
        block = loaded;
        return FsError.Success;
    }

    /// <summary>
    /// How many whole blocks, none of them cached, a read of <paramref name="length"/> bytes at
    /// <paramref name="sector"/> starts with (at most <see cref="DirectReadBytes"/> of them): those go from the device
    /// straight into the caller's buffer and are not cached.
    /// </summary>
    private int UncachedWholeBlocks(long sector, int length)
    {
        if (sector % _sectorsPerBlock != 0)
            return 0;
        long index = sector / _sectorsPerBlock;
        int limit = Math.Min(length, DirectReadBytes) / BlockSize;
        int count = 0;
        while (count < limit && (index + count + 1) * _sectorsPerBlock <= SectorCount && !_blocks.ContainsKey(index + count))
            count++;
        return count;
    }

    /// <summary>How many blocks from <paramref name="index"/> on are uncached, whole and within one read-ahead (at most a quarter of the cache).</summary>
    private int ReadAheadRun(long index)
    {
        int limit = Math.Min(ReadAheadBytes / BlockSize, _blockLimit / 4);
        int run = 0;
        while (run < limit && (index + run + 1) * _sectorsPerBlock <= SectorCount && (run == 0 || !_blocks.ContainsKey(index + run)))
            run++;
        return Math.Max(run, 1);
    }

    /// <summary>Reads <paramref name="run"/> uncached whole blocks in one request and caches them, the first most recent.</summary>
    private FsError LoadRun(long index, int run, out CachedBlock? first)
    {
        first = null;
        FsError error = MakeRoom(run);
        if (error != FsError.Success)
            return error;
        var bytes = new byte[run * BlockSize];
        error = _inner.Read(index * _sectorsPerBlock, bytes);
        if (error != FsError.Success)
            return error;
        for (int i = run - 1; i >= 0; i--)
        {
            var loaded = new CachedBlock(index + i, bytes.AsSpan(i * BlockSize, BlockSize).ToArray());
            _blocks.Add(index + i, _recency.AddFirst(loaded));
            first = loaded;
        }
        return FsError.Success;
    }

    /// <summary>Evicts least recently used blocks, writing back dirty ones, until <paramref name="count"/> more fit.</summary>
    private FsError MakeRoom(int count)
    {
        while (_blocks.Count > _blockLimit - count && _recency.Last is not null)
        {
            CachedBlock victim = _recency.Last!.Value;
            FsError error = victim.IsDirty ? WriteBack(victim)
                : _unordered.Contains(victim) ? WriteBackUnordered(victim)
                : FsError.Success;
            if (error != FsError.Success)
                return error;
            _recency.RemoveLast();
            _blocks.Remove(victim.Index);
        }
        return FsError.Success;
    }

    /// <summary>Writes <paramref name="block"/> back, after every dirty block it must follow.</summary>
    private FsError WriteBack(CachedBlock block)
    {
        var closure = new HashSet<CachedBlock>();
        Collect(block, static b => b.Prerequisites, closure);
        return WriteBackInOrder([.. closure.OrderBy(b => b.Place)]);
    }

    /// <summary>
    /// Writes dirty blocks back in the order of their places (every block's prerequisites are earlier in the list or
    /// already on the device). Neighbours in that order that are neighbours on the device (a file's data, written in
    /// one go) go in one request of at most <see cref="WriteBackRequestBytes"/>: a device request lands whole or not
    /// at all as far as order goes (QEMU completes it as one; blklogwrites logs it as one).
    /// </summary>
    private FsError WriteBackInOrder(List<CachedBlock> blocks)
    {
        for (int first = 0; first < blocks.Count;)
        {
            int run = 1;
            while (first + run < blocks.Count && blocks[first + run].Index == blocks[first + run - 1].Index + 1
                && (run + 1) * BlockSize <= WriteBackRequestBytes && blocks[first + run].Data.Length == BlockSize && blocks[first].Data.Length == BlockSize)
            {
                run++;
            }
            FsError error;
            if (run == 1)
            {
                error = _inner.Write(blocks[first].Index * _sectorsPerBlock, blocks[first].Data);
            }
            else
            {
                _staging ??= new byte[WriteBackRequestBytes];
                for (int i = 0; i < run; i++)
                    blocks[first + i].Data.CopyTo(_staging.AsSpan(i * BlockSize));
                error = _inner.Write(blocks[first].Index * _sectorsPerBlock, _staging.AsSpan(0, run * BlockSize));
            }
            if (error != FsError.Success)
                return error;
            for (int i = 0; i < run; i++)
                MarkWritten(blocks[first + i]);
            first += run;
        }
        return FsError.Success;
    }

    private void MarkWritten(CachedBlock block)
    {
        _order.Remove(block.OrderNode);
        block.Place = 0;
        foreach (CachedBlock dependent in block.Dependents)
            dependent.Prerequisites.Remove(block);
        block.Dependents.Clear();
        block.Prerequisites.Clear();
    }
}
