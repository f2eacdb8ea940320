using Sharprun.Net.Addressing;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>A segment a layer handed to its fake network, with the time it was sent.</summary>
internal sealed record SentSegment(IpAddress Source, IpAddress Destination, byte[] Bytes, ulong At)
{
    public SegmentView View => new(Bytes);
}
