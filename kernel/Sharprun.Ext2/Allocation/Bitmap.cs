namespace Sharprun.Ext2.Allocation;

/// <summary>Bits of a block or inode bitmap, least significant bit first in each byte.</summary>
internal static class Bitmap
{
    public static bool IsSet(ReadOnlySpan<byte> map, int bit) => (map[bit >> 3] & (1 << (bit & 7))) != 0;

    public static void Set(Span<byte> map, int bit) => map[bit >> 3] |= (byte)(1 << (bit & 7));

    public static void Clear(Span<byte> map, int bit) => map[bit >> 3] &= (byte)~(1 << (bit & 7));

    /// <summary>The first clear bit in [<paramref name="start"/>, <paramref name="end"/>), or -1.</summary>
    public static int FindClear(ReadOnlySpan<byte> map, int start, int end)
    {
        for (var bit = start; bit < end; bit++)
        {
            if ((bit & 7) == 0 && bit + 8 <= end && map[bit >> 3] == 0xFF)
            {
                bit += 7;
                continue;
            }
            if (!IsSet(map, bit))
            {
                return bit;
            }
        }
        return -1;
    }
}
