using System.Buffers.Binary;
using Sharprun.Hypercall.Devices.Virtio;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Finding the virtio 1.x structures from vendor capabilities, and refusing hostile ones.</summary>
public sealed class VirtioPciLayoutTests
{
    private const byte Vendor = VirtioPciLayout.VendorCapability;

    /// <summary>QEMU's virtio-net-pci layout: MSI-X at 0x98, then common, ISR, device, notify (multiplier 4) in BAR 4.</summary>
    private static byte[] QemuHeader()
    {
        byte[] header = PciCapabilityListTests.Header(0x98,
            (0x98, 0x11, 0x84), (0x84, Vendor, 0x70), (0x70, Vendor, 0x60), (0x60, Vendor, 0x50), (0x50, Vendor, 0x40), (0x40, Vendor, 0));
        Capability(header, 0x84, 20, type: 5, bar: 0, offset: 0, size: 0);
        Capability(header, 0x70, 20, type: 2, bar: 4, offset: 0x3000, size: 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x70 + 16), 4);
        Capability(header, 0x60, 16, type: 4, bar: 4, offset: 0x2000, size: 0x1000);
        Capability(header, 0x50, 16, type: 3, bar: 4, offset: 0x1000, size: 0x1000);
        Capability(header, 0x40, 16, type: 1, bar: 4, offset: 0x0000, size: 0x1000);
        return header;
    }

    private static void Capability(byte[] header, int at, byte length, byte type, byte bar, uint offset, int size)
    {
        header[at + 2] = length;
        header[at + 3] = type;
        header[at + 4] = bar;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 8), offset);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 12), (uint)size);
    }

    [Fact]
    public void QemuLayoutIsRead()
    {
        Assert.True(VirtioPciLayout.TryParse(QemuHeader(), out var layout));
        Assert.Equal(4, layout.Common.Bar);
        Assert.Equal(0u, layout.Common.Offset);
        Assert.Equal(0x3000u, layout.Notify.Offset);
        Assert.Equal(4u, layout.NotifyMultiplier);
        Assert.Equal(0x1000u, layout.Isr.Offset);
        Assert.Equal(0x2000u, layout.Device.Offset);
        Assert.True(layout.Common.FitsIn(0x4000, 0x38));
    }

    [Fact]
    public void FirstCapabilityOfATypeWins()
    {
        byte[] header = QemuHeader();
        header[0x40 + 1] = 0xE0;
        header[0xE0] = Vendor;
        Capability(header, 0xE0, 16, type: 1, bar: 2, offset: 0x8000, size: 0x1000);
        Assert.True(VirtioPciLayout.TryParse(header, out var layout));
        Assert.Equal(4, layout.Common.Bar);
    }

    [Fact]
    public void LegacyOnlyDeviceHasNoLayout()
    {
        byte[] header = PciCapabilityListTests.Header(0x98, (0x98, 0x11, 0));
        Assert.False(VirtioPciLayout.TryParse(header, out _));
        Assert.False(VirtioPciLayout.TryParse(new byte[256], out _));
    }

    [Fact]
    public void HostileCapabilitiesAreRefused()
    {
        byte[] shortCapability = QemuHeader();
        shortCapability[0x40 + 2] = 8;
        Assert.False(VirtioPciLayout.TryParse(shortCapability, out _));

        byte[] shortNotify = QemuHeader();
        shortNotify[0x70 + 2] = 16;
        Assert.False(VirtioPciLayout.TryParse(shortNotify, out _));

        byte[] barSeven = QemuHeader();
        barSeven[0x40 + 4] = 7;
        Assert.False(VirtioPciLayout.TryParse(barSeven, out _));

        byte[] pastTheEnd = QemuHeader();
        pastTheEnd[0x40 + 1] = 0xF8;
        pastTheEnd[0xF8] = Vendor;
        pastTheEnd[0xF8 + 2] = 16;
        Assert.False(VirtioPciLayout.TryParse(pastTheEnd, out _));

        byte[] looping = QemuHeader();
        looping[0x40 + 1] = 0x84;
        Assert.False(VirtioPciLayout.TryParse(looping, out _));

        byte[] noNotify = QemuHeader();
        noNotify[0x70 + 3] = 9;
        Assert.False(VirtioPciLayout.TryParse(noNotify, out _));
    }

    [Fact]
    public void RegionsOutsideTheirBarDoNotFit()
    {
        Assert.False(new VirtioPciRegion(4, 0x3800, 0x1000).FitsIn(0x4000, 2));
        Assert.False(new VirtioPciRegion(4, 0xFFFF_FFFF, 0xFFFF_FFFF).FitsIn(0x4000, 2));
        Assert.False(new VirtioPciRegion(4, 0, 0x10).FitsIn(0x4000, 0x38));
        Assert.False(new VirtioPciRegion(4, 0, 0).FitsIn(0x4000, 0));
        Assert.True(new VirtioPciRegion(4, 0x3000, 0x1000).FitsIn(0x4000, 2));
    }
}
