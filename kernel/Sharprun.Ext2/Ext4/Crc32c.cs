namespace Sharprun.Ext2.Ext4;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) as ext4 uses it: a running value without the final
/// inversion, so metadata_csum fields compare against <see cref="Append"/> started from ~0 or a seed.
/// </summary>
internal static class Crc32c
{
    private static readonly uint[] Table = BuildTable();

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78 ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
