using System.Collections.Generic;
using Sharprun.Hypercall.Devices.Pci;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Walking capability lists over a configuration header copy, including hostile ones that loop or point outside.</summary>
public sealed class PciCapabilityListTests
{
    /// <summary>A header with the capabilities bit set and the chain (offset, id, next) laid out.</summary>
    internal static byte[] Header(int first, params (int Offset, byte Id, int Next)[] chain)
    {
        var header = new byte[256];
        header[PciCapabilityList.StatusOffset] = (byte)PciCapabilityList.StatusHasCapabilities;
        header[PciCapabilityList.PointerOffset] = (byte)first;
        foreach (var (offset, id, next) in chain)
        {
            header[offset] = id;
            header[offset + 1] = (byte)next;
        }
        return header;
    }

    private static (List<int> Offsets, bool Malformed) Walk(byte[] header)
    {
        var offsets = new List<int>();
        var list = new PciCapabilityList(header);
        while (list.MoveNext(out int offset))
            offsets.Add(offset);
        return (offsets, list.IsMalformed);
    }

    [Fact]
    public void ChainIsWalkedInOrder()
    {
        var (offsets, malformed) = Walk(Header(0x98, (0x98, 0x11, 0x84), (0x84, 0x09, 0x70), (0x70, 0x09, 0)));
        Assert.Equal([0x98, 0x84, 0x70], offsets);
        Assert.False(malformed);
        Assert.Equal(0x98, PciCapabilityList.Find(Header(0x98, (0x98, 0x11, 0x84), (0x84, 0x09, 0)), 0x11));
        Assert.Equal(0x84, PciCapabilityList.Find(Header(0x98, (0x98, 0x11, 0x84), (0x84, 0x09, 0)), 0x09));
        Assert.Equal(0, PciCapabilityList.Find(Header(0x98, (0x98, 0x11, 0)), 0x05));
    }

    [Fact]
    public void LowBitsOfPointersAreIgnored()
    {
        var (offsets, malformed) = Walk(Header(0x43, (0x40, 0x01, 0x53), (0x50, 0x05, 0)));
        Assert.Equal([0x40, 0x50], offsets);
        Assert.False(malformed);
    }

    [Fact]
    public void LoopingListEndsMalformed()
    {
        var (offsets, malformed) = Walk(Header(0x40, (0x40, 0x01, 0x50), (0x50, 0x05, 0x40)));
        Assert.True(malformed);
        Assert.Equal(48, offsets.Count);
        Assert.True(Walk(Header(0x60, (0x60, 0x09, 0x60))).Malformed);
        Assert.Equal(0, PciCapabilityList.Find(Header(0x60, (0x60, 0x09, 0x60)), 0x11));
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x3C)]
    public void PointerIntoTheHeaderIsMalformed(int pointer)
    {
        var (offsets, malformed) = Walk(Header(0x40, (0x40, 0x01, pointer)));
        Assert.Equal([0x40], offsets);
        Assert.True(malformed);
    }

    [Fact]
    public void LastDwordIsTheHighestCapability()
    {
        var (offsets, malformed) = Walk(Header(0x40, (0x40, 0x01, 0xFF), (0xFC, 0x05, 0)));
        Assert.Equal([0x40, 0xFC], offsets);
        Assert.False(malformed);
    }

    [Fact]
    public void NoCapabilitiesWithoutTheStatusBitOrAFullHeader()
    {
        byte[] header = Header(0x40, (0x40, 0x11, 0));
        header[PciCapabilityList.StatusOffset] = 0;
        Assert.Empty(Walk(header).Offsets);
        Assert.Empty(Walk(Header(0x40, (0x40, 0x11, 0))[..128]).Offsets);
    }
}
