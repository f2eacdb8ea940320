using Sharprun.Hypercall.Devices.Pci;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Decoding BARs from their values and sizing read-backs: 32/64-bit memory, I/O, and unimplemented or hostile BARs.</summary>
public sealed class PciBarTests
{
    [Fact]
    public void Memory32()
    {
        var bar = PciBar.Decode(0xFEBD_1000, 0xFFFF_F000, 0, 0);
        Assert.True(bar.IsPresent);
        Assert.False(bar.IsIo);
        Assert.False(bar.Is64Bit);
        Assert.Equal(0xFEBD_1000UL, bar.Address);
        Assert.Equal(0x1000UL, bar.Size);
    }

    [Fact]
    public void Memory64AboveFourGigabytes()
    {
        Assert.True(PciBar.Declares64Bit(0x0000_000C));
        var bar = PciBar.Decode(0x0000_000C, 0xFFFF_C00C, 0x0000_0001, 0xFFFF_FFFF);
        Assert.True(bar.Is64Bit);
        Assert.True(bar.IsPrefetchable);
        Assert.Equal(0x1_0000_0000UL, bar.Address);
        Assert.Equal(0x4000UL, bar.Size);
    }

    [Fact]
    public void Memory64LargerThanFourGigabytes()
    {
        var bar = PciBar.Decode(0x0000_000C, 0x0000_000C, 0x0000_0004, 0xFFFF_FFFC);
        Assert.Equal(0x4_0000_0000UL, bar.Address);
        Assert.Equal(0x4_0000_0000UL, bar.Size);
    }

    [Fact]
    public void Io()
    {
        var bar = PciBar.Decode(0xC041, 0xFFFF_FFE1, 0, 0);
        Assert.True(bar.IsIo);
        Assert.Equal(0xC040UL, bar.Address);
        Assert.Equal(0x20UL, bar.Size);
        Assert.Equal(0x20UL, PciBar.Decode(0xC041, 0x0000_FFE1, 0, 0).Size);
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(0xFEBD_1000u, 0u)]
    [InlineData(0xFEBD_1000u, 0x0000_000Fu)]
    [InlineData(0x0000_0001u, 0x0000_0001u)]
    public void SizeZeroIsAbsent(uint value, uint sizing) => Assert.False(PciBar.Decode(value, sizing, 0, 0).IsPresent);

    [Theory]
    [InlineData(0xFEBD_1000u, 0xFF0F_F000u)]
    [InlineData(0xFEBD_1002u, 0xFFFF_F002u)]
    [InlineData(0x0000_0000u, 0xFFFF_F000u)]
    [InlineData(0xFEBD_1800u, 0xFFFF_F000u)]
    public void HostileBarsAreAbsent(uint value, uint sizing) =>
        // Holes in the writable bits, the reserved memory type, an unassigned address, an address not aligned to the size.
        Assert.False(PciBar.Decode(value, sizing, 0, 0).IsPresent);
}
