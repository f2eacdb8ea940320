namespace Sharprun.Ext2.Files;

/// <summary>
/// What a scan of a whole directory learned, kept so the next lookups and insertions need not scan it again (as
/// Linux's dentry cache spares its ext2 driver): the block each name is in, and a bound on each block's largest free gap. Only
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

    /// <summary>Records the largest gap of block <paramref name="logical"/> as a scan found it (the next block or one already known).</summary>
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

    /// <summary>A removal opened a gap of <paramref name="gap"/> bytes in block <paramref name="logical"/>.</summary>
    public void WidenLargestGap(ulong logical, int gap) => _largestGaps[(int)logical] = Math.Max(_largestGaps[(int)logical], gap);

    /// <summary>
    /// The first block that may have a gap of <paramref name="needed"/> bytes; -1 when none has one. What is kept
    /// per block is a bound, exact after a scan and never below the truth (an insertion narrows a gap without a
    /// rescan), so the blocks before the answer surely have no room: a first-fit scan from it inserts where one from
    /// the first block would, correcting the bound of each block it passes.
    /// </summary>
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
