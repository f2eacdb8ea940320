using System.Buffers.Binary;
using System.Text;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;
using static Sharprun.Net.Fuzz.PacketBuilder;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// Writes the seed corpus by talking to a capturing <see cref="FuzzTarget"/>: each seed is a short exchange whose
/// later frames answer what the stack sent (its DNS IDs, DHCP transaction, TCP ISN), which the seeded Random keeps
/// the same on every run. A seed whose expected answer does not come is an error, so the corpus stays meaningful.
/// </summary>
public sealed class CorpusBuilder
{
    private static readonly MacAddress GatewayMac = new(0x52_55_0A_00_02_02);
    private static readonly MacAddress DnsMac = new(0x52_55_0A_00_02_03);
    private static readonly MacAddress PeerMac = new(0x52_55_0A_00_02_63);
    private static readonly MacAddress DhcpServerMac = new(0x52_55_0A_00_03_02);
    private static readonly IpAddress Peer = IpAddress.FromV4(0x0A00_0263);
    private static readonly IpAddress DhcpServer = IpAddress.FromV4(0x0A00_0302);
    private static readonly IpAddress Leased = IpAddress.FromV4(0x0A00_030F);
    private const byte ProtocolIcmp = 1, ProtocolTcp = 6, ProtocolUdp = 17, ProtocolIcmpv6 = 58;

    private readonly FuzzTarget _target = new(capture: true);
    private readonly List<byte> _input = [];

    public static void WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var seeds = new (string Name, Action<CorpusBuilder> Build)[]
        {
            ("arp-request", b => b.ArpRequest()),
            ("arp-reply-ping", b => b.ArpReplyAndPing()),
            ("icmp-echo", b => b.IcmpEcho()),
            ("udp-echo", b => b.UdpEcho()),
            ("ipv4-fragments", b => b.Ipv4Fragments()),
            ("dns-reply", b => b.DnsReply()),
            ("dhcp-offer-ack", b => b.DhcpOfferAck()),
            ("ipv6-ra-ndp-echo", b => b.Ipv6RouterAdvertisement()),
            ("tcp-handshake-data-fin", b => b.TcpExchange()),
        };
        foreach (var (name, build) in seeds)
        {
            var builder = new CorpusBuilder();
            build(builder);
            byte[] input = [.. builder._input];
            new FuzzTarget().Run(input);
            File.WriteAllBytes(Path.Combine(directory, name), input);
            Console.WriteLine($"corpus: {name} ({input.Length} bytes, {FrameRecord.Split(input).Count} records)");
        }
    }

    private void Send(byte[] frame, int face = 0, int advanceIndex = 0)
    {
        FrameRecord.Write(_input, frame, face, repairChecksums: true, advanceIndex);
        _target.Feed(new FrameRecord(0, frame.Length, false, face, true, advanceIndex), frame);
    }

    /// <summary>The frames the stack sent on <paramref name="link"/> since the last look, oldest first.</summary>
    private static List<byte[]> Take(FuzzLink link)
    {
        var frames = link.Captured!.ToList();
        link.Captured!.Clear();
        return frames;
    }

    private static byte[] Expect(FuzzLink link, Func<byte[], bool> match, string what) =>
        Take(link).LastOrDefault(match) ?? throw new InvalidOperationException($"corpus: the stack sent no {what}");

    private static ushort EtherType(byte[] frame) => BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12));

    /// <summary>The transport payload of an IPv4 frame of <paramref name="protocol"/>, or empty.</summary>
    private static ReadOnlySpan<byte> Ipv4Payload(byte[] frame, byte protocol)
    {
        if (frame.Length < 34 || EtherType(frame) != TypeIpv4 || frame[14 + 9] != protocol)
            return [];
        int headerLength = (frame[14] & 0xF) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(16));
        return frame.AsSpan(14 + headerLength, total - headerLength);
    }

    private void ArpFrom(MacAddress mac, IpAddress address) =>
        Send(Ethernet(FuzzTarget.Eth0Mac, mac, TypeArp, Arp(2, mac, address, FuzzTarget.Eth0Mac, FuzzTarget.Address)));

    private void ArpRequest()
    {
        Send(Ethernet(MacAddress.Broadcast, PeerMac, TypeArp, Arp(1, PeerMac, Peer, default, FuzzTarget.Address)));
        Expect(_target.Eth0, f => EtherType(f) == TypeArp && f[14 + 7] == 2, "ARP reply");
    }

    private void ArpReplyAndPing()
    {
        ArpFrom(GatewayMac, FuzzTarget.Gateway);
        var request = Expect(_target.Eth0, f => Ipv4Payload(f, ProtocolIcmp) is [8, ..], "echo request to the gateway");
        var echo = Ipv4Payload(request, ProtocolIcmp).ToArray();
        echo[0] = 0;
        Send(Ethernet(FuzzTarget.Eth0Mac, GatewayMac, TypeIpv4, Ipv4(FuzzTarget.Gateway, FuzzTarget.Address, ProtocolIcmp, echo)));
    }

    private void IcmpEcho()
    {
        ArpFrom(GatewayMac, FuzzTarget.Gateway);
        Send(Ethernet(FuzzTarget.Eth0Mac, GatewayMac, TypeIpv4, Ipv4(FuzzTarget.Gateway, FuzzTarget.Address, ProtocolIcmp, IcmpMessage(8, 0, [0, 1, 0, 1, .. "ping"u8]))));
        Expect(_target.Eth0, f => Ipv4Payload(f, ProtocolIcmp) is [0, ..], "echo reply");
    }

    private void UdpEcho()
    {
        ArpFrom(PeerMac, Peer);
        Send(Ethernet(FuzzTarget.Eth0Mac, PeerMac, TypeIpv4, Ipv4(Peer, FuzzTarget.Address, ProtocolUdp, UdpDatagram(5000, FuzzTarget.UdpEchoPort, "hello"u8))));
        Expect(_target.Eth0, f => Ipv4Payload(f, ProtocolUdp).Length == 13, "UDP echo");
    }

    private void Ipv4Fragments()
    {
        ArpFrom(PeerMac, Peer);
        var datagram = UdpDatagram(5001, FuzzTarget.UdpEchoPort, Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray());
        // Fragments are not repaired past the IP header: the UDP checksum over the whole datagram is set here.
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(6), InternetChecksum.Finish(InternetChecksum.Add(
            InternetChecksum.PseudoHeader(Peer, FuzzTarget.Address, ProtocolUdp, datagram.Length), datagram)));
        Send(Ethernet(FuzzTarget.Eth0Mac, PeerMac, TypeIpv4, Ipv4(Peer, FuzzTarget.Address, ProtocolUdp, datagram.AsSpan(0, 512), id: 77, fragment: 0x2000)));
        Send(Ethernet(FuzzTarget.Eth0Mac, PeerMac, TypeIpv4, Ipv4(Peer, FuzzTarget.Address, ProtocolUdp, datagram.AsSpan(512), id: 77, fragment: 512 / 8)));
        Expect(_target.Eth0, f => Ipv4Payload(f, ProtocolUdp).Length == 1008, "echo of the reassembled datagram");
    }

    private void DnsReply()
    {
        ArpFrom(DnsMac, FuzzTarget.DnsServer);
        var queries = Take(_target.Eth0).Where(f => Ipv4Payload(f, ProtocolUdp) is { Length: > 12 } u && BinaryPrimitives.ReadUInt16BigEndian(u[2..]) == 53).ToList();
        if (queries.Count == 0)
            throw new InvalidOperationException("corpus: the stack sent no DNS query");
        foreach (var query in queries)
        {
            var udp = Ipv4Payload(query, ProtocolUdp);
            ushort clientPort = BinaryPrimitives.ReadUInt16BigEndian(udp);
            var question = udp[8..];
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(question[^4..]);
            byte[] data = type == 1 ? [93, 184, 215, 14] : [0x26, 0x06, 0x28, 0x00, 0x02, 0x1F, 0xCB, 0x07, 0x68, 0x15, 0x0A, 0xAC, 0xBB, 0x51, 0x9E, 0x2E];
            var answer = new List<byte>(question.ToArray());
            answer[2] = 0x81;
            answer[3] = 0x80;
            answer[7] = 1;
            // The answer names the question by a compression pointer to offset 12.
            answer.AddRange([0xC0, 0x0C, 0, (byte)type, 0, 1, 0, 0, 0x0E, 0x10, 0, (byte)data.Length, .. data]);
            Send(Ethernet(FuzzTarget.Eth0Mac, DnsMac, TypeIpv4, Ipv4(FuzzTarget.DnsServer, FuzzTarget.Address, ProtocolUdp, UdpDatagram(53, clientPort, [.. answer]))));
        }
        if (!_target.Lookup.IsComplete || _target.Lookup.Addresses.Count == 0)
            throw new InvalidOperationException($"corpus: the DNS answers did not complete the lookup ({_target.Lookup.Error})");
    }

    private void DhcpOfferAck()
    {
        byte[] discover = WaitForDhcp(1);
        Send(DhcpReply(discover, 2), face: 1);
        byte[] request = WaitForDhcp(3);
        Send(DhcpReply(request, 5), face: 1);
        if (_target.Stack.Interfaces[2].Ipv4Address != Leased)
            throw new InvalidOperationException("corpus: the DHCP exchange gave eth1 no address");
    }

    /// <summary>The client's next DHCP message of <paramref name="type"/>, letting time pass for its start delay.</summary>
    private byte[] WaitForDhcp(byte type)
    {
        for (int tries = 0; tries < 16; tries++)
        {
            var found = Take(_target.Eth1).LastOrDefault(f => Ipv4Payload(f, ProtocolUdp) is { Length: > 244 } u && u[8 + 240] == 53 && u[8 + 242] == type);
            if (found is not null)
                return found;
            Send([], face: 1, advanceIndex: 2);
        }
        throw new InvalidOperationException($"corpus: the DHCP client sent no message of type {type}");
    }

    private static byte[] DhcpReply(byte[] clientFrame, byte type)
    {
        var client = Ipv4Payload(clientFrame, ProtocolUdp)[8..];
        var reply = new byte[300];
        reply[0] = 2;
        reply[1] = 1;
        reply[2] = 6;
        client.Slice(4, 4).CopyTo(reply.AsSpan(4));
        Leased.Write(reply.AsSpan(16));
        DhcpServer.Write(reply.AsSpan(20));
        client.Slice(28, 16).CopyTo(reply.AsSpan(28));
        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(236), 0x6382_5363);
        byte[] options = [53, 1, type, 54, 4, 10, 0, 3, 2, 51, 4, 0, 0, 0x0E, 0x10, 1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 3, 2, 6, 4, 10, 0, 3, 3, 255];
        options.CopyTo(reply.AsSpan(240));
        return Ethernet(MacAddress.Broadcast, DhcpServerMac, TypeIpv4, Ipv4(DhcpServer, IpAddress.BroadcastV4, ProtocolUdp, UdpDatagram(67, 68, reply)));
    }

    private void Ipv6RouterAdvertisement()
    {
        var router = V6("fe80::2");
        var allNodes = V6("ff02::1");
        var prefix = new byte[32];
        prefix[0] = 3;
        prefix[1] = 4;
        prefix[2] = 64;
        prefix[3] = 0xC0;
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(4), 86400);
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(8), 14400);
        V6("2001:db8:1::").WriteV6(prefix.AsSpan(16));
        byte[] mtu = [5, 1, 0, 0, 0, 0, 0x05, 0xDC];
        byte[] body = [64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, .. LinkLayerOption(1, GatewayMac), .. prefix, .. mtu];
        Send(Ethernet(MulticastMac(allNodes), GatewayMac, TypeIpv6, Ipv6(router, allNodes, ProtocolIcmpv6, IcmpMessage(134, 0, body))));
        var face = _target.Stack.Interfaces[1];
        if (face.Ipv6Addresses.Count < 2)
            throw new InvalidOperationException("corpus: the router advertisement formed no SLAAC address");
        var linkLocal = face.Ipv6Addresses.First(a => (a.High >> 48) == 0xFE80);
        byte[] target = new byte[16];
        linkLocal.WriteV6(target);
        Send(Ethernet(FuzzTarget.Eth0Mac, GatewayMac, TypeIpv6, Ipv6(router, linkLocal, ProtocolIcmpv6, IcmpMessage(135, 0, [0, 0, 0, 0, .. target, .. LinkLayerOption(1, GatewayMac)]))));
        Expect(_target.Eth0, f => EtherType(f) == TypeIpv6 && f[14 + 40] == 136, "neighbour advertisement");
        Send(Ethernet(FuzzTarget.Eth0Mac, GatewayMac, TypeIpv6, Ipv6(router, linkLocal, ProtocolIcmpv6, IcmpMessage(128, 0, [0, 7, 0, 1, .. "ping6"u8]), hopLimit: 64)));
        Expect(_target.Eth0, f => EtherType(f) == TypeIpv6 && f[14 + 40] == 129, "ICMPv6 echo reply");
    }

    private void TcpExchange()
    {
        if (!_target.HasTcp)
            throw new InvalidOperationException("corpus: this stack has no TCP; the TCP seed needs it");
        const byte fin = 0x01, syn = 0x02, psh = 0x08, ack = 0x10;
        uint sequence = 1000;
        ArpFrom(PeerMac, Peer);
        byte[] synOptions = [2, 4, 0x05, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7];
        SendTcp(sequence, 0, syn, synOptions, []);
        var synAck = ExpectTcp(s => (s[13] & (syn | ack)) == (syn | ack), "SYN-ACK");
        uint theirs = BinaryPrimitives.ReadUInt32BigEndian(synAck[4..]) + 1;
        sequence++;
        SendTcp(sequence, theirs, ack, Timestamps(2), []);
        byte[] data = Encoding.ASCII.GetBytes("hello, fuzz");
        SendTcp(sequence, theirs, psh | ack, Timestamps(3), data);
        var echoed = ExpectTcp(s => s.Length > (s[12] >> 4) * 4, "echo of the data");
        sequence += (uint)data.Length;
        theirs += (uint)(echoed.Length - (echoed[12] >> 4) * 4);
        SendTcp(sequence, theirs, fin | ack, Timestamps(4), []);
        ExpectTcp(s => (s[13] & fin) != 0, "FIN after the peer's FIN");
        SendTcp(sequence + 1, theirs + 1, ack, Timestamps(5), []);
    }

    private static byte[] Timestamps(uint value)
    {
        byte[] option = [1, 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(option.AsSpan(4), value);
        return option;
    }

    private void SendTcp(uint sequence, uint acknowledgment, byte flags, byte[] options, byte[] payload) =>
        Send(Ethernet(FuzzTarget.Eth0Mac, PeerMac, TypeIpv4, Ipv4(Peer, FuzzTarget.Address, ProtocolTcp,
            TcpSegment(40000, FuzzTarget.TcpEchoPort, sequence, acknowledgment, flags, options, payload))));

    private byte[] ExpectTcp(Func<byte[], bool> match, string what) =>
        Take(_target.Eth0).Select(f => Ipv4Payload(f, ProtocolTcp).ToArray()).LastOrDefault(s => s.Length >= 20 && match(s))
        ?? throw new InvalidOperationException($"corpus: the stack sent no {what}");
}
