using System.Buffers.Binary;
using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Dhcp;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Links;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Dhcp;

public class DhcpClientTests
{
    /// <summary>A DHCP server written by hand: offers 10.0.2.15/24, router 10.0.2.2, DNS 10.0.2.3, a lease of <c>Lease</c> seconds.</summary>
    private sealed class ScriptedDhcpServer(ScriptedPeer peer)
    {
        public uint Lease = 3600;
        public bool Answering = true;
        public int Discovers, Requests, UnicastRequests;
        public byte[]? NextReplyOverride;
        private static readonly IpAddress Server = V4("10.0.2.2");

        public void Serve()
        {
            foreach (var frame in peer.TakeCaptured())
            {
                if (frame.Length >= 42 && frame[12] == 0x08 && frame[13] == 0x06 && frame[21] == 1 && frame.AsSpan(38, 4).SequenceEqual(new byte[] { 10, 0, 2, 2 }))
                {
                    var arp = frame.AsSpan(14, 28).ToArray();
                    arp[7] = 2;
                    frame.AsSpan(14 + 8, 10).CopyTo(arp.AsSpan(18));
                    peer.Mac.Write(arp.AsSpan(8));
                    new byte[] { 10, 0, 2, 2 }.CopyTo(arp, 14);
                    peer.Inject(Frames.Ethernet(MacAddress.Read(frame.AsSpan(6)), peer.Mac, 0x0806, arp));
                    continue;
                }
                var message = Frames.UdpPayloadTo(frame, 67, out var source, out _);
                if (message is null || message.Length < 240 || !Answering)
                    continue;
                byte type = FindOption(message, 53)![0];
                byte reply;
                if (type == 1)
                {
                    Discovers++;
                    reply = 2;
                }
                else
                {
                    Requests++;
                    if (!source.IsAny)
                        UnicastRequests++;
                    reply = 5;
                }
                var payload = NextReplyOverride ?? Reply(message, reply);
                NextReplyOverride = null;
                var udp = Frames.Udp(Server, 67, IpAddress.BroadcastV4, 68, payload);
                peer.Inject(Frames.Ethernet(MacAddress.Broadcast, peer.Mac, 0x0800, Frames.Ipv4(Server, IpAddress.BroadcastV4, 17, udp)));
            }
        }

        public byte[] Reply(byte[] request, byte type)
        {
            var reply = new byte[300];
            reply[0] = 2; reply[1] = 1; reply[2] = 6;
            request.AsSpan(4, 4).CopyTo(reply.AsSpan(4));
            new byte[] { 10, 0, 2, 15 }.CopyTo(reply, 16);
            request.AsSpan(28, 16).CopyTo(reply.AsSpan(28));
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(236), 0x63825363);
            var options = new List<byte> { 53, 1, type, 54, 4, 10, 0, 2, 2, 1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 2, 2, 6, 4, 10, 0, 2, 3, 51, 4 };
            options.AddRange(BitConverter.GetBytes(Lease).Reverse());
            options.Add(255);
            options.ToArray().CopyTo(reply, 240);
            return reply;
        }

        private static byte[]? FindOption(byte[] message, byte code)
        {
            for (int i = 240; i + 1 < message.Length && message[i] != 255;)
            {
                if (message[i] == 0) { i++; continue; }
                if (message[i] == code)
                    return message.AsSpan(i + 2, message[i + 1]).ToArray();
                i += 2 + message[i + 1];
            }
            return null;
        }
    }

    [Fact]
    public void The_client_gets_a_lease_logs_it_renews_at_t1_and_drops_it_when_it_expires()
    {
        var net = new TestNetwork();
        var server = new ScriptedDhcpServer(new ScriptedPeer(net.Bus, "dhcp", new MacAddress(0x52_55_0A_00_02_02)));
        var stack = net.AddStack(0x52_54_00_12_34_56, InterfaceConfiguration.Dhcp, out var face);
        Assert.True(net.RunUntil(() => face.Ipv4Address is not null, 30, server.Serve));
        Assert.Equal(V4("10.0.2.15"), face.Ipv4Address);
        Assert.Equal(24, face.Ipv4PrefixLength);
        Assert.Equal(V4("10.0.2.2"), face.Ipv4Gateway);
        Assert.Equal([V4("10.0.2.3")], stack.DnsServers);
        Assert.Contains("net: eth0 10.0.2.15/24 gateway 10.0.2.2 dns 10.0.2.3 (DHCP)", net.Log);
        Assert.Equal((1, 1), (server.Discovers, server.Requests));

        net.Run(1801, server.Serve);
        Assert.Equal(1, server.UnicastRequests);
        Assert.Equal(DhcpState.Bound, face.Dhcp!.State);
        Assert.Contains(net.Log, line => line.Contains("renewed"));

        server.Answering = false;
        Assert.True(net.RunUntil(() => face.Ipv4Address is null, 3700, server.Serve));
        Assert.Contains("net: eth0 DHCP lease expired", net.Log);
    }

    [Fact]
    public void The_stack_reports_the_dns_servers_a_lease_brings_and_their_loss_when_it_expires()
    {
        var net = new TestNetwork();
        var server = new ScriptedDhcpServer(new ScriptedPeer(net.Bus, "dhcp", new MacAddress(0x52_55_0A_00_02_02)));
        var reported = new List<string>();
        var stack = net.AddStack(0x52_54_00_12_34_56, InterfaceConfiguration.Dhcp, out var face);
        stack.DnsServersChanged = servers => reported.Add(string.Join(' ', servers));
        Assert.True(net.RunUntil(() => face.Ipv4Address is not null, 30, server.Serve));
        Assert.Equal(["10.0.2.3"], reported);

        net.Run(1801, server.Serve);
        Assert.Equal(["10.0.2.3"], reported);

        server.Answering = false;
        Assert.True(net.RunUntil(() => face.Ipv4Address is null, 3700, server.Serve));
        Assert.Equal(["10.0.2.3", ""], reported);
    }

    [Fact]
    public void Discover_is_retransmitted_with_backoff_and_hostile_replies_are_dropped()
    {
        var net = new TestNetwork();
        var server = new ScriptedDhcpServer(new ScriptedPeer(net.Bus, "dhcp", new MacAddress(0x52_55_0A_00_02_02))) { Answering = false };
        var stack = net.AddStack(0x52_54_00_12_34_56, InterfaceConfiguration.Dhcp, out var face);
        net.Run(13, server.Serve);
        Assert.Equal(DhcpState.Selecting, face.Dhcp!.State);
        var peer = new ScriptedPeer(net.Bus, "evil", new MacAddress(0x02_66_66_66_66_66));
        var good = server.Reply(new byte[300], 2);
        void Inject(byte[] payload) => peer.Inject(Frames.Ethernet(MacAddress.Broadcast, peer.Mac, 0x0800,
            Frames.Ipv4(V4("10.0.2.2"), IpAddress.BroadcastV4, 17, Frames.Udp(V4("10.0.2.2"), 67, IpAddress.BroadcastV4, 68, payload))));
        var overrun = (byte[])good.Clone();
        overrun[240 + 1] = 200;
        Inject(overrun);
        Inject(good[..100]);
        Inject(good);
        net.Run(0.1);
        Assert.Equal(2, stack.Statistics[DropReason.DhcpMalformed]);
        Assert.Equal(1, stack.Statistics[DropReason.DhcpIgnored]);
        Assert.Null(face.Ipv4Address);
        server.Answering = true;
        Assert.True(net.RunUntil(() => face.Ipv4Address is not null, 60, server.Serve));
    }
}
