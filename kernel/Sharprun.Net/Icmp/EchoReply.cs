using Sharprun.Net.Addressing;

namespace Sharprun.Net.Icmp;

/// <summary>An echo reply the stack received for an echo request it sent (ICMP or ICMPv6).</summary>
public readonly record struct EchoReply(IpAddress Source, ushort Identifier, ushort Sequence, int DataLength, ulong ReceivedAt);
