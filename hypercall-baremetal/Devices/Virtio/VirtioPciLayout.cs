using System;
using System.Buffers.Binary;
using Sharprun.Hypercall.Devices.Pci;

namespace Sharprun.Hypercall.Devices.Virtio;

/// <summary>
/// The structures of a virtio 1.x PCI function (virtio 1.2 §4.1.4), from its vendor-specific capabilities: common
/// configuration, notification area (and its queue offset multiplier), ISR status and device-specific
/// configuration. The first capability of each type wins, as the spec asks of drivers. Pure: the header is a copy.
/// </summary>
internal struct VirtioPciLayout
{
    public const byte VendorCapability = 0x09;

    private const byte CommonType = 1;
    private const byte NotifyType = 2;
    private const byte IsrType = 3;
    private const byte DeviceType = 4;
    private const int CapabilityLength = 16;
    private const int NotifyCapabilityLength = 20;

    public VirtioPciRegion Common;
    public VirtioPciRegion Notify;
    public VirtioPciRegion Isr;
    public VirtioPciRegion Device;
    public uint NotifyMultiplier;

    /// <summary>
    /// False when the capability list is malformed, a virtio capability is cut short or names a BAR beyond 5, or
    /// the common configuration or notification structure is missing (a legacy-only device).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> header, out VirtioPciLayout layout)
    {
        layout = default;
        var list = new PciCapabilityList(header);
        while (list.MoveNext(out int offset))
        {
            if (header[offset] != VendorCapability)
                continue;
            int length = header[offset + 2];
            if (length < CapabilityLength || offset + length > header.Length)
                return false;
            byte type = header[offset + 3];
            byte bar = header[offset + 4];
            var region = new VirtioPciRegion(bar,
                BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + 8)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + 12)..]));
            // Types beyond these (PCI access window, shared memory, vendor data) are not used here; bar is
            // checked only for the structures used, since newer types may name other things in that byte.
            if (type is < CommonType or > DeviceType)
                continue;
            if (bar >= PciBar.Count)
                return false;
            switch (type)
            {
                case CommonType when !layout.Common.IsPresent:
                    layout.Common = region;
                    break;
                case NotifyType when !layout.Notify.IsPresent:
                    if (length < NotifyCapabilityLength)
                        return false;
                    layout.Notify = region;
                    layout.NotifyMultiplier = BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + 16)..]);
                    break;
                case IsrType when !layout.Isr.IsPresent:
                    layout.Isr = region;
                    break;
                case DeviceType when !layout.Device.IsPresent:
                    layout.Device = region;
                    break;
            }
        }
        return !list.IsMalformed && layout.Common.IsPresent && layout.Notify.IsPresent;
    }
}
