namespace Sharprun.Net;

/// <summary>Why the stack dropped a frame or packet: malformed input is counted under its reason, never thrown.</summary>
public enum DropReason
{
    FrameTooShort,
    NotForThisHost,
    UnsupportedEtherType,
    ArpMalformed,
    Ipv4Malformed,
    Ipv4BadChecksum,
    Ipv4BadSource,
    Ipv4TimeToLiveExceeded,
    Ipv6Malformed,
    Ipv6Unsupported,
    ReassemblyMalformed,
    ReassemblyOverflow,
    ReassemblyTimeout,
    IcmpMalformed,
    IcmpBadChecksum,
    IcmpErrorRateLimited,
    NdpMalformed,
    UdpMalformed,
    UdpBadChecksum,
    UdpNoSocket,
    UdpReceiveQueueFull,
    TcpBadChecksum,
    UnknownProtocol,
    DhcpMalformed,
    DhcpIgnored,
    DnsMalformed,
    DnsMismatch,
    NeighbourUnresolved,
    NeighbourQueueFull,
    DeviceQueueFull,
    LoopbackQueueFull,
    /// <summary>A handler failed on a frame (a bug in the stack, not in the input): the frame is dropped, the stack goes on.</summary>
    InternalFault,
}
