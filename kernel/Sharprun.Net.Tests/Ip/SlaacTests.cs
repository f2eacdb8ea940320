using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Ip;

public class SlaacTests
{
    private static byte[] RouterAdvertisement(MacAddress router, byte prefixFlags = 0xC0, int optionLength = 4)
    {
        var message = new byte[16 + 8 + 32];
        message[0] = 134;
        message[4] = 64;
        message[6] = 0x07; // router lifetime 1800 s
        message[7] = 0x08;
        message[16] = 1;
        message[17] = 1;
        router.Write(message.AsSpan(18));
        var prefix = message.AsSpan(24);
        prefix[0] = 3;
        prefix[1] = (byte)optionLength;
        prefix[2] = 64;
        prefix[3] = prefixFlags;
        prefix[4..8].Fill(0xFF);
        prefix[8..12].Fill(0xFF);
        System.Net.IPAddress.Parse("2001:db8:1::").GetAddressBytes().CopyTo(prefix[16..]);
        return message;
    }

    [Fact]
    public void A_router_advertisement_gives_an_eui64_address_a_route_and_a_gateway()
    {
        var net = new TestNetwork();
        var router = new ScriptedPeer(net.Bus, "router", new MacAddress(0x02_00_00_00_00_FE));
        var stack = net.AddStatic(0x52_54_00_12_34_56, "10.0.0.1");
        net.Run(0.1);
        var frames = router.TakeCaptured();
        Assert.Contains(frames, f => EthernetHeader.EtherType(f) == EthernetHeader.TypeIpv6 && f[14 + 40] == 133);
        var routerAddress = V6("fe80::ff:fe00:fe");
        var allNodes = V6("ff02::1");
        var ra = Frames.Icmpv6(routerAddress, allNodes, RouterAdvertisement(router.Mac));
        router.Inject(Frames.Ethernet(new MacAddress(0x3333_0000_0001), router.Mac, 0x86DD, Frames.Ipv6(routerAddress, allNodes, 58, ra)));
        net.Run(0.1);
        var face = stack.Interfaces[1];
        Assert.Equal([V6("fe80::5054:ff:fe12:3456"), V6("2001:db8:1::5054:ff:fe12:3456")], face.Ipv6Addresses);
        Assert.Equal(routerAddress, face.Ipv6Gateway);
        Assert.Contains("net: eth0 2001:db8:1:0:5054:ff:fe12:3456/64 (SLAAC)", net.Log);
        lock (stack.Sync)
        {
            Assert.True(stack.Routes.TryLookup(V6("2001:db8:99::1"), out var route));
            Assert.Equal(routerAddress, route.Gateway);
            Assert.Equal(V6("2001:db8:1::5054:ff:fe12:3456"), route.Source);
        }
        // No more solicitations once a router answered.
        router.TakeCaptured();
        net.Run(20);
        Assert.DoesNotContain(router.TakeCaptured(), f => EthernetHeader.EtherType(f) == EthernetHeader.TypeIpv6 && f[14 + 40] == 133);
    }

    [Fact]
    public void Advertisements_with_bad_hop_limits_or_option_lengths_are_dropped()
    {
        var net = new TestNetwork();
        var router = new ScriptedPeer(net.Bus, "router", new MacAddress(0x02_00_00_00_00_FE));
        var stack = net.AddStatic(0x52_54_00_12_34_56, "10.0.0.1");
        var routerAddress = V6("fe80::ff:fe00:fe");
        var allNodes = V6("ff02::1");
        var forwarded = Frames.Icmpv6(routerAddress, allNodes, RouterAdvertisement(router.Mac));
        router.Inject(Frames.Ethernet(new MacAddress(0x3333_0000_0001), router.Mac, 0x86DD, Frames.Ipv6(routerAddress, allNodes, 58, forwarded, hopLimit: 64)));
        foreach (int length in new[] { 0, 9 })
        {
            var bad = Frames.Icmpv6(routerAddress, allNodes, RouterAdvertisement(router.Mac, optionLength: length));
            router.Inject(Frames.Ethernet(new MacAddress(0x3333_0000_0001), router.Mac, 0x86DD, Frames.Ipv6(routerAddress, allNodes, 58, bad)));
        }
        net.Run(0.1);
        Assert.Single(stack.Interfaces[1].Ipv6Addresses);
        Assert.Equal(3, stack.Statistics[DropReason.NdpMalformed]);
    }
}
