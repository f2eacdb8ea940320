using Sharprun.Ext2.Storage;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Allocation;

/// <summary>Bits of a block or inode bitmap, least significant bit first in each byte.</summary>
internal static class Bitmap
{
    public static bool IsSet(ReadOnlySpan<byte> map, int bit) => (map[bit >> 3] & (1 << (bit & 7))) != 0;

    public static void Set(Span<byte> map, int bit) => map[bit >> 3] |= (byte)(1 << (bit & 7));

    public static void Clear(Span<byte> map, int bit) => map[bit >> 3] &= (byte)~(1 << (bit & 7));

    /// <summary>
    /// Sets or clears <paramref name="count"/> bits from <paramref name="first"/> of the bitmap in
    /// <paramref name="block"/>, whose bytes <paramref name="map"/> views, writing only the bytes they are in.
    /// </summary>
    public static FsError Change(BlockStore store, ulong block, ReadOnlySpan<byte> map, int first, int count, bool set)
    {
        var firstByte = first >> 3;
        var bytes = map[firstByte..(((first + count - 1) >> 3) + 1)].ToArray();
        for (var bit = first; bit < first + count; bit++)
        {
            if (set)
            {
                Set(bytes, bit - firstByte * 8);
            }
            else
            {
                Clear(bytes, bit - firstByte * 8);
            }
        }
        return store.WriteBlockPart(block, firstByte, bytes);
    }

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
