using System.Buffers.Binary;

namespace Sharprun.Net.Addressing;

/// <summary>
/// An IPv4 or IPv6 address without allocation. IPv4 addresses are held as their IPv4-mapped IPv6 form
/// (::ffff:a.b.c.d), which is also what a dual-stack socket reports for an IPv4 peer.
/// </summary>
public readonly record struct IpAddress(ulong High, ulong Low)
{
    private const ulong MappedPrefixLow = 0x0000_FFFF_0000_0000UL;

    public static IpAddress AnyV4 => FromV4(0);
    public static IpAddress LoopbackV4 => FromV4(0x7F00_0001);
    public static IpAddress BroadcastV4 => FromV4(0xFFFF_FFFF);
    public static IpAddress AnyV6 => new(0, 0);
    public static IpAddress LoopbackV6 => new(0, 1);

    /// <summary>An IPv4 address from its 32-bit value in host order (0x7F000001 is 127.0.0.1).</summary>
    public static IpAddress FromV4(uint address) => new(0, MappedPrefixLow | address);

    /// <summary>Reads 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    public static IpAddress Read(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => FromV4(BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])),
        _ => throw new ArgumentException("an IP address has 4 or 16 bytes", nameof(bytes)),
    };

    /// <summary>True for IPv4 (v4-mapped) addresses.</summary>
    public bool IsV4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefixLow;

    /// <summary>The IPv4 address in host order; only meaningful when <see cref="IsV4"/>.</summary>
    public uint V4 => (uint)Low;

    public bool IsAny => IsV4 ? V4 == 0 : High == 0 && Low == 0;

    public bool IsLoopback => IsV4 ? (V4 >> 24) == 127 : High == 0 && Low == 1;

    public bool IsMulticast => IsV4 ? (V4 >> 28) == 0xE : (High >> 56) == 0xFF;

    /// <summary>Writes 4 bytes when <see cref="IsV4"/>, else 16, in network order; returns how many.</summary>
    public int Write(Span<byte> destination)
    {
        if (IsV4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, V4);
            return 4;
        }
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
        return 16;
    }

    /// <summary>Writes the 16-byte IPv6 form (v4-mapped for IPv4).</summary>
    public void WriteV6(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        int length = Write(bytes);
        return new System.Net.IPAddress(bytes[..length]).ToString();
    }
}
