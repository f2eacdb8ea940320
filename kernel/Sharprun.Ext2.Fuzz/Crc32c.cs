using System.Buffers.Binary;
using System.Numerics;

namespace Sharprun.Ext2.Fuzz;

/// <summary>crc32c as ext4 uses it: no final inversion, the caller passes the running value (~0 to start).</summary>
public static class Crc32c
{
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var value in data)
        {
            crc = BitOperations.Crc32C(crc, value);
        }
        return crc;
    }
}
