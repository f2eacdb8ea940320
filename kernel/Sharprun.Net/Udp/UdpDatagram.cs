using Sharprun.Net.Addressing;

namespace Sharprun.Net.Udp;

/// <summary>A received datagram waiting in a socket's queue (its buffer pooled).</summary>
internal readonly record struct UdpDatagram(byte[] Buffer, int Length, IpEndpoint From);
