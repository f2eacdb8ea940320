using System;
using System.Linq;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public class GuestNetworkTests
{
    [Theory]
    [InlineData("18080:8080", "tcp:127.0.0.1:18080-:8080")]
    [InlineData("17001:7001/udp", "udp:127.0.0.1:17001-:7001")]
    [InlineData("0.0.0.0:80:8080/tcp", "tcp:0.0.0.0:80-:8080")]
    public void PublishedPortsUseDockersSyntax(string text, string hostForward) =>
        Assert.Equal(hostForward, PublishedPort.Parse(text).HostForward);

    [Theory]
    [InlineData("8080")]
    [InlineData("1:2:3:4")]
    [InlineData("0:80")]
    [InlineData("80:65536")]
    [InlineData("80:-1")]
    [InlineData("80:80/sctp")]
    [InlineData("::1:80:80")]
    [InlineData("localhost:80:80")]
    [InlineData("80: 80")]
    public void MalformedPublishedPortsAreRefused(string text) =>
        Assert.Throws<FormatException>(() => PublishedPort.Parse(text));

    [Fact]
    public void ImagesWithANetworkStackGetTheUserNetworkByDefault()
    {
        var network = GuestNetwork.Parse(null, imageHasNetworkStack: true, ["18080:8080", "17001:7001/udp"], null, null, []);
        Assert.Equal(NetworkMode.User, network.Mode);
        var arguments = network.QemuArguments();
        Assert.Equal("user,id=net0,hostfwd=tcp:127.0.0.1:18080-:8080,hostfwd=udp:127.0.0.1:17001-:7001", arguments[arguments.ToList().IndexOf("-netdev") + 1]);
        Assert.Contains(arguments, a => a.StartsWith("virtio-net-pci,netdev=net0,disable-legacy=on", StringComparison.Ordinal));
        Assert.Empty(network.KernelOptions());
    }

    [Fact]
    public void ImagesWithoutANetworkStackGetNoNic()
    {
        var network = GuestNetwork.Parse(null, imageHasNetworkStack: false, [], null, null, []);
        Assert.Equal(NetworkMode.None, network.Mode);
        Assert.Empty(network.QemuArguments());
        var refused = Assert.Throws<FormatException>(() => GuestNetwork.Parse(null, false, ["80:80"], null, null, []));
        Assert.Contains("no network stack", refused.Message);
    }

    [Fact]
    public void StaticConfigurationBecomesKernelOptions()
    {
        var network = GuestNetwork.Parse("tap:sr-tap0", true, [], "10.99.0.2/24", "10.99.0.1", ["10.99.0.1", "10.99.0.53"]);
        Assert.Equal(["net.ip=10.99.0.2/24", "net.gateway=10.99.0.1", "net.dns=10.99.0.1,10.99.0.53"], network.KernelOptions());
        Assert.Equal("tap,id=net0,ifname=sr-tap0,script=no,downscript=no", network.QemuArguments()[1]);
    }

    [Theory]
    [InlineData("wifi", null, null)]
    [InlineData("tap:", null, null)]
    [InlineData("tap:name with space", null, null)]
    [InlineData("tap:averyveryverylongname", null, null)]
    [InlineData("user", "10.0.2.15", null)]
    [InlineData("user", "10.0.2.15/33", null)]
    [InlineData("user", "10.2.15/24", null)]
    [InlineData("user", null, "10.0.2")]
    [InlineData("none", "10.0.2.15/24", null)]
    public void BadNetworkOptionsAreRefused(string net, string? address, string? gateway) =>
        Assert.Throws<FormatException>(() => GuestNetwork.Parse(net, true, [], address, gateway, []));

    [Fact]
    public void PortsNeedTheUserNetworkAndAreNotPublishedTwice()
    {
        Assert.Throws<FormatException>(() => GuestNetwork.Parse("tap:t0", true, ["80:80"], null, null, []));
        Assert.Throws<FormatException>(() => GuestNetwork.Parse(null, true, ["80:80", "127.0.0.1:80:81"], null, null, []));
        Assert.Equal(2, GuestNetwork.Parse(null, true, ["80:80", "80:80/udp"], null, null, []).Ports.Count);
    }
}
