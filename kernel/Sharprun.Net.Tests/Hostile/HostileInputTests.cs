using System.Buffers.Binary;
using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Dhcp;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;
using Sharprun.Net.Links;
using Sharprun.Net.Neighbours;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Hostile;

public class HostileInputTests
{
    private static readonly MacAddress Victim = new(0x02_00_00_00_00_01);

    [Fact]
    public void Two_hundred_thousand_random_frames_are_counted_and_dropped_and_memory_stays_bounded()
    {
        var net = new TestNetwork();
        var stack = net.AddStack(Victim.Value, InterfaceConfiguration.Dhcp, out var face);
        var other = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var attacker = new ScriptedPeer(net.Bus, "attacker", new MacAddress(0x02_66_66_66_66_66));
        lock (stack.Sync)
            stack.AssignIpv4(face, V4("10.0.0.1"), 24, V4("10.0.0.254"), [V4("10.0.0.53")], "static");
        var socket = stack.Udp(port: 9);
        var random = new Random(2026);
        byte[] frame = new byte[1514];
        ushort[] types = [EthernetHeader.TypeIpv4, EthernetHeader.TypeIpv6, EthernetHeader.TypeArp, 0x1234];
        byte[] protocols = [1, 6, 17, 58, 0, 44, 200];
        for (int i = 0; i < 200_000; i++)
        {
            int length = random.Next(0, frame.Length + 1);
            random.NextBytes(frame.AsSpan(0, length));
            if (length >= 14 && random.Next(4) != 0)
            {
                (random.Next(3) == 0 ? MacAddress.Broadcast : Victim).Write(frame);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), types[random.Next(types.Length)]);
                Shape(frame.AsSpan(14, length - 14), random, protocols);
            }
            if (length > 0)
                attacker.Port.TryTransmit(frame.AsSpan(0, length), TransmitChecksum.None);
            if (i % 64 == 0)
            {
                lock (stack.Sync)
                    stack.Poll();
                attacker.TakeCaptured();
                if (i % 4096 == 0)
                    net.Clock.AdvanceMilliseconds(500);
            }
        }
        lock (stack.Sync)
        {
            stack.Poll();
            Assert.Equal(0, stack.Statistics[DropReason.InternalFault]);
            Assert.True(stack.Statistics.TotalDropped > 150_000, stack.Statistics.ToString());
            Assert.InRange(stack.Ipv4.Reassembly.BytesInUse, 0, Ipv4Reassembly.MaxBytes);
            Assert.InRange(face.Neighbours.Count, 0, NeighbourCache.Capacity);
            Assert.InRange(((Sharprun.Net.Udp.UdpSocket)socket).QueuedBytes, 0, Sharprun.Net.Udp.UdpSocket.DefaultBufferSize + 65535);
            Assert.Equal(V4("10.0.0.1"), face.Ipv4Address);
        }
        // The stack still works after the storm.
        var client = other.Udp();
        other.SendTo(client, "alive"u8.ToArray(), new IpEndpoint(V4("10.0.0.1"), 9));
        Assert.True(net.RunUntil(() => { lock (stack.Sync) while (stack.TryReceive(socket, out var f) is { } d) { if (d.AsSpan().SequenceEqual("alive"u8)) return true; } return false; }));
    }

    /// <summary>Makes random bytes look enough like a packet of the EtherType to get past the first checks.</summary>
    private static void Shape(Span<byte> packet, Random random, byte[] protocols)
    {
        if (packet.Length >= 20 && random.Next(2) == 0)
        {
            packet[0] = (byte)(0x45 + (random.Next(4) == 0 ? random.Next(11) : 0));
            BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)(random.Next(3) == 0 ? random.Next(65536) : packet.Length));
            packet[6] = (byte)(packet[6] & (random.Next(2) == 0 ? 0x3F : 0x00));
            packet[9] = protocols[random.Next(protocols.Length)];
            new byte[] { 10, 0, 0, 1 }.CopyTo(packet[16..]);
            packet[10] = packet[11] = 0;
            int headerLength = Math.Min((packet[0] & 0xF) * 4, packet.Length);
            if (headerLength >= 20)
                BinaryPrimitives.WriteUInt16BigEndian(packet[10..], InternetChecksum.Finish(InternetChecksum.Add(0, packet[..headerLength])));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x45, 0, 0, 10 })]
    [InlineData(new byte[] { 0x46, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1 })]
    [InlineData(new byte[] { 0x44, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1 })]
    [InlineData(new byte[] { 0x65, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1 })]
    public void Ipv4_headers_with_bad_versions_or_lengths_are_rejected(byte[] packet)
    {
        Assert.False(Ipv4Header.TryRead(packet, out _, out var reason));
        Assert.Equal(DropReason.Ipv4Malformed, reason);
    }

    [Fact]
    public void An_ipv4_header_with_a_bad_checksum_is_rejected_and_a_good_one_read()
    {
        var packet = Frames.Ipv4(V4("10.0.0.2"), V4("10.0.0.1"), 17, new byte[8]);
        Assert.True(Ipv4Header.TryRead(packet, out var header, out _));
        Assert.Equal((28, (byte)17), (header.TotalLength, header.Protocol));
        packet[8] ^= 1;
        Assert.False(Ipv4Header.TryRead(packet, out _, out var reason));
        Assert.Equal(DropReason.Ipv4BadChecksum, reason);
    }

    [Fact]
    public void Udp_with_bad_checksums_or_lengths_is_counted()
    {
        var net = new TestNetwork();
        var stack = net.AddStatic(Victim.Value, "10.0.0.1");
        var socket = stack.Udp(port: 9);
        var attacker = new ScriptedPeer(net.Bus, "attacker", new MacAddress(0x02_66_66_66_66_66));
        var udp = Frames.Udp(V4("10.0.0.2"), 1, V4("10.0.0.1"), 9, "data"u8);
        var badChecksum = (byte[])udp.Clone();
        badChecksum[8] ^= 0xFF;
        var badLength = (byte[])udp.Clone();
        badLength[5] = 200;
        foreach (var datagram in new[] { badChecksum, badLength, udp[..5] })
            attacker.Inject(Frames.Ethernet(Victim, attacker.Mac, 0x0800, Frames.Ipv4(V4("10.0.0.2"), V4("10.0.0.1"), 17, datagram)));
        net.Run(0.1);
        Assert.Equal(1, stack.Statistics[DropReason.UdpBadChecksum]);
        Assert.Equal(2, stack.Statistics[DropReason.UdpMalformed]);
        Assert.Null(stack.TryReceive(socket, out _));
    }

    [Fact]
    public void Overlapping_inconsistent_fragments_are_discarded_and_many_partial_datagrams_stay_within_the_bound()
    {
        var reassembly = new Ipv4Reassembly();
        var statistics = new NetworkStatistics();
        var last = Frames.Ipv4(V4("10.0.0.2"), V4("10.0.0.1"), 17, new byte[16], id: 9, flags: 2);
        var otherLast = Frames.Ipv4(V4("10.0.0.2"), V4("10.0.0.1"), 17, new byte[24], id: 9, flags: 2);
        Ipv4Header.TryRead(last, out var h1, out _);
        Ipv4Header.TryRead(otherLast, out var h2, out _);
        Assert.False(reassembly.TryAdd(h1, last, 0, statistics, out _, out _, out _));
        Assert.False(reassembly.TryAdd(h2, otherLast, 0, statistics, out _, out _, out _));
        Assert.Equal(1, statistics[DropReason.ReassemblyMalformed]);

        for (ushort id = 0; id < 1000; id++)
        {
            var fragment = Frames.Ipv4(V4("10.0.0.2"), V4("10.0.0.1"), 17, new byte[1480], id: id, flags: (ushort)(0x2000 | 7000));
            Ipv4Header.TryRead(fragment, out var header, out _);
            reassembly.TryAdd(header, fragment, id, statistics, out _, out _, out _);
            Assert.InRange(reassembly.BytesInUse, 0, Ipv4Reassembly.MaxBytes);
            Assert.InRange(reassembly.DatagramsInProgress, 0, Ipv4Reassembly.MaxDatagrams);
        }
        Assert.True(statistics[DropReason.ReassemblyOverflow] > 0);
        reassembly.RunTimers(Ipv4Reassembly.TimeoutNanoseconds + 2000, statistics);
        Assert.Equal(0, reassembly.BytesInUse);
    }

    [Fact]
    public void Dhcp_options_that_run_past_the_end_or_have_bad_lengths_are_rejected_with_a_reason()
    {
        var message = new byte[244 + 6];
        message[0] = 2; message[1] = 1; message[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(236), DhcpMessage.MagicCookie);
        message[240] = 53; message[241] = 1; message[242] = 2;
        message[243] = 1; message[244] = 3; message[245] = 255; message[246] = 255; message[247] = 255; message[248] = 255;
        Assert.False(DhcpMessage.TryRead(message, out _, out string reason));
        Assert.Contains("option 1", reason);
        message[244] = 200;
        Assert.False(DhcpMessage.TryRead(message, out _, out reason));
        Assert.Contains("past the end", reason);
        Assert.False(DhcpMessage.TryRead(message[..100], out _, out _));
    }
}
