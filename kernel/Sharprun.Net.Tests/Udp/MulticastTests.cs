using System.Buffers.Binary;
using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Udp;

public class MulticastTests
{
    private const byte IgmpReport = 0x16;
    private const byte IgmpLeave = 0x17;

    private static readonly IpAddress Group = V4("239.1.2.3");

    [Fact]
    public void Datagrams_to_a_group_arrive_only_while_a_socket_has_joined_it()
    {
        var net = new TestNetwork();
        var sender = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var receiver = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var listening = receiver.Udp(port: 5000);
        var client = sender.Udp();
        var to = new IpEndpoint(Group, 5000);

        Assert.Equal(NetError.Success, sender.SendTo(client, "before"u8.ToArray(), to));
        net.Run(1);
        Assert.Null(receiver.TryReceive(listening, out _));

        Assert.Equal(NetError.Success, Change(receiver, listening, Group, join: true));
        Assert.Equal(NetError.Success, sender.SendTo(client, "member"u8.ToArray(), to));
        byte[]? received = null;
        IpEndpoint from = default;
        Assert.True(net.RunUntil(() => (received = receiver.TryReceive(listening, out from)) is not null));
        Assert.Equal("member"u8.ToArray(), received);
        Assert.Equal(V4("10.0.0.1"), from.Address);

        Assert.Equal(NetError.Success, Change(receiver, listening, Group, join: false));
        Assert.Equal(NetError.Success, sender.SendTo(client, "after"u8.ToArray(), to));
        net.Run(1);
        Assert.Null(receiver.TryReceive(listening, out _));
    }

    [Fact]
    public void A_socket_bound_to_the_group_address_receives_its_datagrams()
    {
        var net = new TestNetwork();
        var sender = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var receiver = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        NetSocket bound;
        lock (receiver.Sync)
        {
            bound = receiver.CreateSocket(SocketKind.Udp, isV6: false);
            Assert.Equal(NetError.Success, bound.Bind(new IpEndpoint(Group, 5000)));
        }
        Assert.Equal(NetError.Success, Change(receiver, bound, Group, join: true));
        Assert.Equal(NetError.Success, sender.SendTo(sender.Udp(), "to the group"u8.ToArray(), new IpEndpoint(Group, 5000)));
        byte[]? received = null;
        Assert.True(net.RunUntil(() => (received = receiver.TryReceive(bound, out _)) is not null));
        Assert.Equal("to the group"u8.ToArray(), received);
    }

    [Fact]
    public void Igmp_reports_the_first_join_answers_a_query_and_leaves_after_the_last_member()
    {
        var net = new TestNetwork();
        var host = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var peer = new ScriptedPeer(net.Bus, "router", new MacAddress(0x02_00_00_00_00_09));
        var first = host.Udp(port: 5000);
        var second = host.Udp(port: 5001);

        Assert.Equal(NetError.Success, Change(host, first, Group, join: true));
        Assert.Equal(NetError.Success, Change(host, second, Group, join: true));
        net.Run(0.1);
        Assert.Equal([(IgmpReport, Group, Group)], IgmpMessages(peer));

        var query = new byte[8];
        query[0] = 0x11;
        query[1] = 100;
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(2), InternetChecksum.Finish(InternetChecksum.Add(0, query)));
        peer.Inject(Frames.Ethernet(new MacAddress(0x01_00_5E_00_00_01), peer.Mac, 0x0800,
            Frames.Ipv4(V4("10.0.0.9"), V4("224.0.0.1"), 2, query, ttl: 1)));
        net.Run(0.1);
        Assert.Equal([(IgmpReport, Group, Group)], IgmpMessages(peer));

        Assert.Equal(NetError.Success, Change(host, first, Group, join: false));
        net.Run(0.1);
        Assert.Empty(IgmpMessages(peer));
        lock (host.Sync)
            second.Close();
        net.Run(0.1);
        Assert.Equal([(IgmpLeave, Group, V4("224.0.0.2"))], IgmpMessages(peer));
    }

    [Fact]
    public void A_member_hears_its_own_datagrams_unless_multicast_loopback_is_off()
    {
        var net = new TestNetwork();
        var host = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var socket = host.Udp(port: 6000);
        Assert.Equal(NetError.Success, Change(host, socket, Group, join: true));

        Assert.Equal(NetError.Success, host.SendTo(socket, "echo"u8.ToArray(), new IpEndpoint(Group, 6000)));
        byte[]? received = null;
        Assert.True(net.RunUntil(() => (received = host.TryReceive(socket, out _)) is not null));
        Assert.Equal("echo"u8.ToArray(), received);

        lock (host.Sync)
            Assert.Equal(NetError.Success, socket.SetOption(SocketOption.MulticastLoopback, 0));
        Assert.Equal(NetError.Success, host.SendTo(socket, "quiet"u8.ToArray(), new IpEndpoint(Group, 6000)));
        net.Run(1);
        Assert.Null(host.TryReceive(socket, out _));
    }

    [Fact]
    public void Ipv6_groups_are_joined_and_received_too()
    {
        var net = new TestNetwork();
        var sender = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var receiver = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var group = V6("ff15::1234");
        var listening = receiver.Udp(isV6: true, port: 5000);
        Assert.Equal(NetError.Success, Change(receiver, listening, group, join: true));
        Assert.Equal(NetError.Success, sender.SendTo(sender.Udp(isV6: true), "six"u8.ToArray(), new IpEndpoint(group, 5000)));
        byte[]? received = null;
        Assert.True(net.RunUntil(() => (received = receiver.TryReceive(listening, out _)) is not null));
        Assert.Equal("six"u8.ToArray(), received);
    }

    [Fact]
    public void Bad_membership_requests_get_linux_errors()
    {
        var net = new TestNetwork();
        var host = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var socket = host.Udp();
        Assert.Equal(NetError.InvalidArgument, Change(host, socket, V4("10.0.0.7"), join: true));
        Assert.Equal(NetError.InvalidArgument, Change(host, socket, V6("ff15::1"), join: true));
        Assert.Equal(NetError.AddressNotAvailable, Change(host, socket, Group, join: false));
        Assert.Equal(NetError.NoDevice, Change(host, socket, Group, join: true, interfaceIndex: 9));
        Assert.Equal(NetError.Success, Change(host, socket, Group, join: true));
        Assert.Equal(NetError.AddressInUse, Change(host, socket, Group, join: true));
        lock (host.Sync)
        {
            var stream = host.CreateSocket(SocketKind.Tcp, isV6: false);
            Assert.Equal(NetError.InvalidArgument, stream.ChangeMulticastMembership(Group, 0, IpAddress.AnyV4, join: true));
        }
    }

    [Fact]
    public void The_multicast_interface_chooses_the_source_and_reads_back()
    {
        var net = new TestNetwork();
        var host = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var socket = host.Udp();
        lock (host.Sync)
        {
            Assert.Equal(NetError.AddressNotAvailable, socket.SetMulticastInterface(0, V4("10.9.9.9")));
            Assert.Equal(NetError.Success, socket.SetMulticastInterface(0, V4("10.0.0.1")));
            Assert.Equal(NetError.Success, socket.GetMulticastInterface(out int index, out var local));
            Assert.Equal(2, index);
            Assert.Equal(V4("10.0.0.1"), local);
        }
    }

    private static NetError Change(NetworkStack stack, NetSocket socket, IpAddress group, bool join, int interfaceIndex = 0)
    {
        lock (stack.Sync)
            return socket.ChangeMulticastMembership(group, interfaceIndex, group.IsV4 ? IpAddress.AnyV4 : IpAddress.AnyV6, join);
    }

    /// <summary>The IGMP messages captured since the last call: type, group and IP destination.</summary>
    private static List<(byte Type, IpAddress Group, IpAddress Destination)> IgmpMessages(ScriptedPeer peer)
    {
        var messages = new List<(byte, IpAddress, IpAddress)>();
        foreach (var frame in peer.TakeCaptured())
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) != 0x0800 || frame[14 + 9] != 2)
                continue;
            int headerLength = (frame[14] & 0xF) * 4;
            var message = frame.AsSpan(14 + headerLength);
            Assert.True(InternetChecksum.Verifies(InternetChecksum.Add(0, message[..8])), "IGMP checksum");
            Assert.Equal(1, frame[14 + 8]);
            messages.Add((message[0], IpAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(message[4..])),
                IpAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(14 + 16)))));
        }
        return messages;
    }
}
