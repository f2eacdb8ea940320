using System.Buffers.Binary;
using Sharprun.Hypercall.Devices.Pci;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Reading the MSI-X capability: table size, BAR and offset, and refusing a BAR index beyond 5.</summary>
public sealed class MsixCapabilityTests
{
    private static byte[] Header(ushort control, uint table)
    {
        byte[] header = PciCapabilityListTests.Header(0x98, (0x98, MsixCapability.Id, 0));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x9A), control);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x9C), table);
        return header;
    }

    [Fact]
    public void QemuVirtioNetTable()
    {
        Assert.True(MsixCapability.TryFind(Header(0x0002, 0x0000_0001), out var msix));
        Assert.Equal(0x98, msix.Offset);
        Assert.Equal(3, msix.TableSize);
        Assert.Equal(1, msix.TableBar);
        Assert.Equal(0u, msix.TableOffset);
        Assert.True(msix.FitsIn(0x1000));
        Assert.False(msix.FitsIn(0x20));
    }

    [Fact]
    public void TableBeyondItsBarOrInBarSixIsRefused()
    {
        Assert.False(MsixCapability.TryFind(Header(0x0002, 0x0000_0006), out _));
        Assert.True(MsixCapability.TryFind(Header(0x07FF, 0xFFFF_F000), out var huge));
        Assert.Equal(2048, huge.TableSize);
        Assert.False(huge.FitsIn(0x1_0000_0000));
        Assert.False(MsixCapability.TryFind(PciCapabilityListTests.Header(0x98, (0x98, 0x09, 0)), out _));
    }
}
