using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class KernelModuleTests
{
    /// <summary>A stand-in for a .ko: an ELF header, other modinfo records around the depends= one, as in a real .modinfo section.</summary>
    private static byte[] Module(string depends) =>
        [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. Encoding.ASCII.GetBytes($"\0license=GPL\0depends={depends}\0retpoline=Y\0intree=Y\0name=x\0")];

    /// <summary>The virtio-net and virtio-blk drivers' and ext4's modules of Debian bookworm's linux-image-6.1.0-57-amd64, with their real depends= records.</summary>
    private static readonly Dictionary<string, string> Bookworm = new()
    {
        ["virtio_net"] = "virtio_ring,virtio,net_failover",
        ["net_failover"] = "failover",
        ["failover"] = "",
        ["virtio"] = "virtio_ring",
        ["virtio_ring"] = "",
        ["virtio_pci"] = "virtio_ring,virtio_pci_modern_dev,virtio_pci_legacy_dev,virtio",
        ["virtio_pci_modern_dev"] = "",
        ["virtio_pci_legacy_dev"] = "",
        ["virtio_blk"] = "virtio,virtio_ring",
        ["ext4"] = "jbd2,mbcache,crc16",
        ["jbd2"] = "",
        ["mbcache"] = "",
        ["crc16"] = "",
        ["crc32c_generic"] = "",
    };

    private static KernelModule? Find(string name) => Bookworm.TryGetValue(name, out var depends) ? new KernelModule(name, Module(depends)) : null;

    [Fact]
    public void ReadsTheDependsRecord()
    {
        Assert.Equal(["virtio_ring", "virtio", "net_failover"], KernelModule.DependenciesOf(Module("virtio_ring,virtio,net_failover")));
        Assert.Empty(KernelModule.DependenciesOf(Module("")));
        Assert.Equal(["crypto_engine"], KernelModule.DependenciesOf(Module("crypto-engine")));
    }

    [Theory]
    [InlineData("license=GPL\0")]
    [InlineData("\0depends=a\0\0depends=b\0")]
    [InlineData("\0depends=virtio")]
    [InlineData("\0depends=a;reboot\0")]
    [InlineData("\0depends=../x\0")]
    public void RefusesFilesWithoutOneWellFormedDependsRecord(string modinfo) =>
        Assert.Throws<ArgumentException>(() => KernelModule.DependenciesOf(Encoding.ASCII.GetBytes(modinfo)));

    [Fact]
    public void OrdersTheVirtioNetDriverDependenciesFirst()
    {
        var order = KernelModule.LoadOrder(LinuxNetworkSetup.DriverModules, Find).Select(m => m.Name).ToList();
        Assert.Equal(8, order.Count);
        Assert.DoesNotContain("virtio_blk", order);
        foreach (var name in order)
        {
            foreach (var dependency in Bookworm[name].Split(',', StringSplitOptions.RemoveEmptyEntries))
                Assert.True(order.IndexOf(dependency) < order.IndexOf(name), $"{dependency} must load before {name}");
        }
        Assert.Equal("virtio_net", order[^1]);
    }

    [Fact]
    public void OrdersTheDiskDriversAndExt4DependenciesFirst()
    {
        var order = KernelModule.LoadOrder(LinuxDiskSetup.DriverModules, Find).Select(m => m.Name).ToList();
        Assert.Equal(
            ["virtio_ring", "virtio_pci_modern_dev", "virtio_pci_legacy_dev", "virtio", "virtio_pci", "virtio_blk", "crc32c_generic", "jbd2", "mbcache", "crc16", "ext4"],
            order);
        Assert.DoesNotContain("virtio_net", order);
    }

    [Fact]
    public void NamesModulesAsTheKernelDoes()
    {
        Assert.Equal("virtio_net", KernelModule.NameOf("virtio_net.ko"));
        Assert.Equal("virtio_rng", KernelModule.NameOf("virtio-rng.ko.xz"));
        Assert.Equal("failover", KernelModule.NameOf("failover"));
    }

    [Fact]
    public void RefusesAMissingModuleAndACycle()
    {
        var missing = Assert.Throws<ArgumentException>(() => KernelModule.LoadOrder(["virtio_net"], name => name == "failover" ? null : Find(name)));
        Assert.Contains("failover (needed by net_failover)", missing.Message);
        var cycle = new Dictionary<string, string> { ["a"] = "b", ["b"] = "a" };
        Assert.Throws<ArgumentException>(() => KernelModule.LoadOrder(["a"], name => new KernelModule(name, Module(cycle[name]))));
    }
}
