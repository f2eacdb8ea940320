using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;

namespace Sharprun.Net.Ip;

/// <summary>
/// One entry of the routing table: destinations within <see cref="Prefix"/>/<see cref="Bits"/> (bits of the 128-bit
/// form) leave through <see cref="Interface"/>, to <see cref="Gateway"/> or directly, from <see cref="Source"/>.
/// </summary>
internal readonly record struct Route(IpAddress Prefix, int Bits, NetworkInterface Interface, IpAddress? Gateway, IpAddress Source)
{
    public bool Matches(IpAddress destination) => Prefix.IsV4 == destination.IsV4 && Subnet.MatchesBits(Prefix, Bits, destination);

    public IpAddress NextHop(IpAddress destination) => Gateway ?? destination;
}
