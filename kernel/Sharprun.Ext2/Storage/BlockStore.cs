using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Ext2.Storage;

/// <summary>
/// File-system blocks over a sector device: reads through a small <see cref="BlockCache"/>, writes straight to the
/// device (so an operation's writes reach it in the order the operation issues them), and byte-range access for the
/// superblock, which need not be block-aligned.
/// </summary>
internal sealed class BlockStore
{
    private const int CacheBlocks = 512;

    private readonly IBlockDevice _device;
    private readonly BlockCache _cache = new(CacheBlocks);
    private int _sectorsPerBlock;

    public BlockStore(IBlockDevice device)
    {
        _device = device;
        BlockSize = device.SectorSize;
        _sectorsPerBlock = 1;
    }

    public int BlockSize { get; private set; }

    public long DeviceBytes => _device.SectorCount * _device.SectorSize;

    public bool DeviceIsReadOnly => _device.IsReadOnly;

    /// <summary>Switches to the file system's block size; false when a block is not a whole number of sectors.</summary>
    public bool SetBlockSize(int blockSize)
    {
        if (blockSize < _device.SectorSize || blockSize % _device.SectorSize != 0)
        {
            return false;
        }
        BlockSize = blockSize;
        _sectorsPerBlock = blockSize / _device.SectorSize;
        return true;
    }

    /// <summary>A copy of a block, for a caller that changes it.</summary>
    public FsError ReadBlock(ulong block, Span<byte> destination)
    {
        var error = ViewBlock(block, out var view);
        if (error == FsError.Success)
        {
            view.CopyTo(destination[..BlockSize]);
        }
        return error;
    }

    /// <summary>
    /// A block's bytes without a copy, for a caller that only reads them and is done before its next write through
    /// this store (a directory scan reads many blocks to change at most one).
    /// </summary>
    public FsError ViewBlock(ulong block, out ReadOnlySpan<byte> view)
    {
        view = default;
        if (_cache.TryView(block, out var cached))
        {
            view = cached;
            return FsError.Success;
        }
        if (block >= (ulong)(_device.SectorCount / _sectorsPerBlock))
        {
            return FsError.IoError;
        }
        var loaded = new byte[BlockSize];
        var error = _device.Read((long)block * _sectorsPerBlock, loaded);
        if (error == FsError.Success)
        {
            _cache.Adopt(block, loaded);
            view = loaded;
        }
        return error;
    }

    /// <summary>
    /// Reads <paramref name="count"/> consecutive blocks of file data in one device request, past the metadata cache
    /// (which only holds what the device holds, so it has nothing newer).
    /// </summary>
    public FsError ReadDataBlocks(ulong first, int count, Span<byte> destination)
    {
        if (first + (ulong)count > (ulong)(_device.SectorCount / _sectorsPerBlock))
        {
            return FsError.IoError;
        }
        return _device.Read((long)first * _sectorsPerBlock, destination[..(count * BlockSize)]);
    }

    /// <summary>
    /// Writes <paramref name="count"/> consecutive blocks of file data in one device request. They leave the metadata
    /// cache rather than enter it: a block freed from a directory may come back as file data.
    /// </summary>
    public FsError WriteDataBlocks(ulong first, int count, ReadOnlySpan<byte> data)
    {
        if (first + (ulong)count > (ulong)(_device.SectorCount / _sectorsPerBlock))
        {
            return FsError.IoError;
        }
        for (var i = 0; i < count; i++)
        {
            _cache.Forget(first + (ulong)i);
        }
        return _device.Write((long)first * _sectorsPerBlock, data[..(count * BlockSize)]);
    }

    /// <summary>
    /// Writes <paramref name="part"/> at <paramref name="offset"/> in a block: only the sectors it covers go to the
    /// device (an inode, a bitmap byte, a group descriptor), the rest of the block as the device has it.
    /// </summary>
    public FsError WriteBlockPart(ulong block, int offset, ReadOnlySpan<byte> part) => WritePart(block, offset, part, ordered: true);

    /// <summary><see cref="WriteBlockPart"/> for counts e2fsck recomputes (see <see cref="IBlockDevice.WriteUnordered"/>).</summary>
    public FsError WriteUnorderedBlockPart(ulong block, int offset, ReadOnlySpan<byte> part) => WritePart(block, offset, part, ordered: false);

    private FsError WritePart(ulong block, int offset, ReadOnlySpan<byte> part, bool ordered)
    {
        var error = ViewBlock(block, out var view);
        if (error != FsError.Success)
        {
            return error;
        }
        var sectorSize = _device.SectorSize;
        var first = offset / sectorSize * sectorSize;
        var end = (offset + part.Length + sectorSize - 1) / sectorSize * sectorSize;
        var sectors = view[first..end].ToArray();
        part.CopyTo(sectors.AsSpan(offset - first));
        var sector = (long)block * _sectorsPerBlock + first / sectorSize;
        error = ordered ? _device.Write(sector, sectors) : _device.WriteUnordered(sector, sectors);
        if (error == FsError.Success && _cache.TryView(block, out var cached))
        {
            part.CopyTo(cached.AsSpan(offset));
        }
        else
        {
            _cache.Forget(block);
        }
        return error;
    }

    public FsError WriteBlock(ulong block, ReadOnlySpan<byte> data)
    {
        if (block >= (ulong)(_device.SectorCount / _sectorsPerBlock))
        {
            return FsError.IoError;
        }
        var error = _device.Write((long)block * _sectorsPerBlock, data[..BlockSize]);
        if (error == FsError.Success)
        {
            _cache.Put(block, data[..BlockSize]);
        }
        else
        {
            _cache.Forget(block);
        }
        return error;
    }

    /// <summary>Reads bytes at any offset, through the enclosing sectors.</summary>
    public FsError ReadBytes(long offset, Span<byte> destination)
    {
        var sectorSize = _device.SectorSize;
        var first = offset / sectorSize;
        var end = (offset + destination.Length + sectorSize - 1) / sectorSize;
        if (end > _device.SectorCount)
        {
            return FsError.IoError;
        }
        var buffer = new byte[(end - first) * sectorSize];
        var error = _device.Read(first, buffer);
        if (error == FsError.Success)
        {
            buffer.AsSpan((int)(offset - first * sectorSize), destination.Length).CopyTo(destination);
        }
        return error;
    }

    /// <summary>Writes bytes at any offset (read-modify-write of the enclosing sectors), bypassing and updating the cache.</summary>
    public FsError WriteBytes(long offset, ReadOnlySpan<byte> data)
    {
        var sectorSize = _device.SectorSize;
        var first = offset / sectorSize;
        var end = (offset + data.Length + sectorSize - 1) / sectorSize;
        if (end > _device.SectorCount)
        {
            return FsError.IoError;
        }
        var buffer = new byte[(end - first) * sectorSize];
        var error = _device.Read(first, buffer);
        if (error != FsError.Success)
        {
            return error;
        }
        data.CopyTo(buffer.AsSpan((int)(offset - first * sectorSize)));
        error = _device.Write(first, buffer);
        var firstBlock = (ulong)(offset / BlockSize);
        var lastBlock = (ulong)((offset + data.Length - 1) / BlockSize);
        for (var b = firstBlock; b <= lastBlock; b++)
        {
            _cache.Forget(b);
        }
        return error;
    }

    /// <summary>Starts a file-system operation (see <see cref="IBlockDevice.StartOperation"/>).</summary>
    public void StartOperation() => _device.StartOperation();

    public FsError Flush() => _device.Flush();
}
