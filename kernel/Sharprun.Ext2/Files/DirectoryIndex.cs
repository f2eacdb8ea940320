namespace Sharprun.Ext2.Files;

/// <summary>
/// What a scan of a whole directory learned, kept so the next lookups and insertions need not scan it again (as
/// Linux's dentry cache spares its ext2 driver): the block each name is in, and each block's largest free gap. Only
/// <see cref="DirectoryFile"/> changes directories, and it keeps the index in step or drops it.
/// </summary>
internal sealed class DirectoryIndex(ulong blocks)
{
    private readonly Dictionary<string, ulong> _blocksByName = new(StringComparer.Ordinal);
    private readonly List<int> _largestGaps = [];

    /// <summary>How many blocks the directory had when the index last followed a change: a different count means it is stale.</summary>
    public ulong Blocks { get; set; } = blocks;

    public int Names => _blocksByName.Count;

    public bool TryFind(ReadOnlySpan<byte> name, out ulong logical) => _blocksByName.TryGetValue(Key(name), out logical);

    public void Add(ReadOnlySpan<byte> name, ulong logical) => _blocksByName[Key(name)] = logical;

    public void Remove(ReadOnlySpan<byte> name) => _blocksByName.Remove(Key(name));

    /// <summary>Records the largest gap of block <paramref name="logical"/>, the next block or one already known.</summary>
    public void SetLargestGap(ulong logical, int gap)
    {
        if (logical == (ulong)_largestGaps.Count)
        {
            _largestGaps.Add(gap);
        }
        else
        {
            _largestGaps[(int)logical] = gap;
        }
    }

    /// <summary>The first block with a gap of <paramref name="needed"/> bytes, where a first-fit scan would insert; -1 when none has one.</summary>
    public long FirstBlockWithGap(int needed)
    {
        for (var logical = 0; logical < _largestGaps.Count; logical++)
        {
            if (_largestGaps[logical] >= needed)
            {
                return logical;
            }
        }
        return -1;
    }

    // Latin-1 maps every byte to one char and back: names are bytes, not text.
    private static string Key(ReadOnlySpan<byte> name) => System.Text.Encoding.Latin1.GetString(name);
}
