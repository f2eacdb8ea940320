namespace Sharprun.Net.Addressing;

/// <summary>Prefix arithmetic over the 128-bit form (an IPv4 prefix of n bits is a prefix of 96 + n bits of the v4-mapped address).</summary>
public static class Subnet
{
    /// <summary>Whether <paramref name="address"/> lies in <paramref name="network"/>/<paramref name="prefixLength"/> (IPv4 lengths for IPv4 networks).</summary>
    public static bool Contains(IpAddress network, int prefixLength, IpAddress address)
    {
        if (network.IsV4 != address.IsV4)
            return false;
        return MatchesBits(network, network.IsV4 ? 96 + prefixLength : prefixLength, address);
    }

    /// <summary>Whether the first <paramref name="bits"/> of the 128-bit forms agree.</summary>
    public static bool MatchesBits(IpAddress a, int bits, IpAddress b)
    {
        if (bits <= 0)
            return true;
        if (bits <= 64)
            return ((a.High ^ b.High) >> (64 - bits)) == 0;
        if (a.High != b.High)
            return false;
        return bits >= 128 ? a.Low == b.Low : ((a.Low ^ b.Low) >> (128 - bits)) == 0;
    }

    public static uint MaskV4(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
}
