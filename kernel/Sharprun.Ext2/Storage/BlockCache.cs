namespace Sharprun.Ext2.Storage;

/// <summary>
/// A bounded copy of recently read blocks. It only ever holds what the device holds (writes go through to the device
/// first), so dropping it loses nothing; when full it starts over rather than tracking recency.
/// </summary>
internal sealed class BlockCache(int capacity)
{
    private readonly Dictionary<ulong, byte[]> _blocks = new();

    /// <summary>The cached bytes themselves, not a copy: the caller only reads them, before the next change.</summary>
    public bool TryView(ulong block, out byte[] data) => _blocks.TryGetValue(block, out data!);

    /// <summary>Caches a block read into an array the caller hands over.</summary>
    public void Adopt(ulong block, byte[] data)
    {
        if (_blocks.Count >= capacity && !_blocks.ContainsKey(block))
        {
            _blocks.Clear();
        }
        _blocks[block] = data;
    }

    public void Put(ulong block, ReadOnlySpan<byte> data)
    {
        if (_blocks.TryGetValue(block, out var existing))
        {
            data.CopyTo(existing);
        }
        else
        {
            Adopt(block, data.ToArray());
        }
    }

    public void Forget(ulong block) => _blocks.Remove(block);
}
