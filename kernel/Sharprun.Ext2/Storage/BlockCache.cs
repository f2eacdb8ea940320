namespace Sharprun.Ext2.Storage;

/// <summary>
/// A bounded copy of recently read blocks. It only ever holds what the device holds (writes go through to the device
/// first), so dropping it loses nothing; when full it starts over rather than tracking recency.
/// </summary>
internal sealed class BlockCache(int capacity)
{
    private readonly Dictionary<ulong, byte[]> _blocks = new();

    public bool TryGet(ulong block, Span<byte> destination)
    {
        if (!_blocks.TryGetValue(block, out var data))
        {
            return false;
        }
        data.CopyTo(destination);
        return true;
    }

    public void Put(ulong block, ReadOnlySpan<byte> data)
    {
        if (_blocks.TryGetValue(block, out var existing))
        {
            data.CopyTo(existing);
            return;
        }
        if (_blocks.Count >= capacity)
        {
            _blocks.Clear();
        }
        _blocks[block] = data.ToArray();
    }

    public void Forget(ulong block) => _blocks.Remove(block);
}
