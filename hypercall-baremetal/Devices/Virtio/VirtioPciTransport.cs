using System.Runtime.CompilerServices;
using System.Threading;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices.Pci;

namespace Sharprun.Hypercall.Devices.Virtio;

/// <summary>
/// The virtio 1.x modern PCI transport (virtio 1.2 §4.1), shared by every virtio driver: the device's
/// structures found through its capabilities and mapped uncached, the status handshake, feature negotiation,
/// split virtqueue setup with MSI-X vectors, queue notification and generation-checked device configuration reads.
/// Beneath the runtime: no allocation, no exceptions; failures return false with a reason for the kernel log.
/// </summary>
internal unsafe struct VirtioPciTransport
{
    public const ushort NoVector = 0xFFFF;

    public const byte StatusAcknowledge = 1;
    public const byte StatusDriver = 2;
    public const byte StatusDriverOk = 4;
    public const byte StatusFeaturesOk = 8;
    public const byte StatusFailed = 128;

    public const int FeatureRingEventIndex = 29;
    public const int FeatureVersion1 = 32;

    private const int DeviceFeatureSelect = 0x00;
    private const int DeviceFeature = 0x04;
    private const int DriverFeatureSelect = 0x08;
    private const int DriverFeature = 0x0C;
    private const int ConfigMsixVector = 0x10;
    private const int DeviceStatus = 0x14;
    private const int ConfigGeneration = 0x15;
    private const int QueueSelect = 0x16;
    private const int QueueSize = 0x18;
    private const int QueueMsixVector = 0x1A;
    private const int QueueEnable = 0x1C;
    private const int QueueNotifyOffset = 0x1E;
    private const int QueueDescriptors = 0x20;
    private const int QueueDriver = 0x28;
    private const int QueueDevice = 0x30;
    private const uint CommonLength = 0x38;

    /// <summary>A reset that has not read back as 0 after this many polls means the device is stuck.</summary>
    private const int ResetPolls = 1_000_000;

    private byte* _common;
    private byte* _notify;
    private uint _notifyLength;
    private uint _notifyMultiplier;
    private byte* _isr;
    private byte* _device;
    private uint _deviceLength;
    private PciAddress _function;
    private Bars _bars;

    public PciAddress Function => _function;

    public uint DeviceConfigLength => _deviceLength;

    /// <summary>True when the device has an ISR status structure, which a driver without MSI-X needs.</summary>
    public bool HasInterruptStatus => _isr != null;

    /// <summary>
    /// Reads and so clears the ISR status (virtio 1.2 §4.1.4.5): bit 0 a queue interrupt, bit 1 a configuration
    /// change. The read also deasserts the device's INTx line; 0 when it was not this device that interrupted.
    /// </summary>
    public byte TakeInterruptStatus() => _isr == null ? (byte)0 : Volatile.Read(ref *_isr);

    /// <summary>
    /// Finds and maps the device's structures and enables memory decoding and bus mastering; false, with the reason
    /// in <paramref name="failure"/>, when the capabilities are malformed or a structure lies outside its BAR.
    /// </summary>
    public bool TryOpen(PciAddress function, out string? failure)
    {
        _function = function;
        byte* header = stackalloc byte[PciCapabilityList.ConfigurationSize];
        PciConfigSpace.ReadHeader(function, header);
        var bytes = new System.ReadOnlySpan<byte>(header, PciCapabilityList.ConfigurationSize);
        if (!VirtioPciLayout.TryParse(bytes, out VirtioPciLayout layout))
        {
            failure = "no virtio 1.x capabilities (malformed list, or a legacy-only device)";
            return false;
        }
        // The transport lives in static storage, which does not move.
        PciBars.Read(function, (PciBar*)Unsafe.AsPointer(ref _bars[0]));
        _common = Map(layout.Common, CommonLength);
        _notify = Map(layout.Notify, 2);
        _notifyLength = layout.Notify.Length;
        _notifyMultiplier = layout.NotifyMultiplier;
        _isr = layout.Isr.IsPresent ? Map(layout.Isr, 1) : null;
        _device = layout.Device.IsPresent ? Map(layout.Device, 1) : null;
        _deviceLength = _device == null ? 0 : layout.Device.Length;
        if (_common == null || _notify == null)
        {
            failure = "a virtio structure lies outside its memory BAR, or the BAR cannot be mapped";
            return false;
        }
        ushort command = PciConfigSpace.Read16(function, PciBars.CommandOffset);
        PciConfigSpace.Write16(function, PciBars.CommandOffset, (ushort)(command | PciBars.CommandMemorySpace | PciBars.CommandBusMaster));
        failure = null;
        return true;
    }

    /// <summary>
    /// Maps <paramref name="length"/> bytes at <paramref name="offset"/> in memory BAR <paramref name="bar"/>
    /// (e.g. the MSI-X table); null when the BAR is absent, I/O, too small, or cannot be mapped.
    /// </summary>
    public byte* MapBar(int bar, ulong offset, ulong length)
    {
        if ((uint)bar >= PciBar.Count)
            return null;
        PciBar found = _bars[bar];
        if (!found.IsPresent || found.IsIo || offset + length > found.Size || offset + length < offset)
            return null;
        return DeviceRegisters.Map(found.Address, found.Size) ? (byte*)(found.Address + offset) : null;
    }

    /// <summary>Writes 0 to the status and waits for it to read back 0 (the device has reset); false when it never does.</summary>
    public bool Reset()
    {
        Volatile.Write(ref _common[DeviceStatus], 0);
        for (int poll = 0; poll < ResetPolls; poll++)
        {
            if (Volatile.Read(ref _common[DeviceStatus]) == 0)
                return true;
        }
        return false;
    }

    public void AddStatus(byte bits) => Volatile.Write(ref _common[DeviceStatus], (byte)(Volatile.Read(ref _common[DeviceStatus]) | bits));

    public byte Status => Volatile.Read(ref _common[DeviceStatus]);

    /// <summary>
    /// Offers the device's features that are in <paramref name="wanted"/>, then sets FEATURES_OK and checks the
    /// device kept it. False (and the device marked FAILED) when a <paramref name="required"/> feature is missing
    /// or the device refuses the set. <paramref name="negotiated"/> is what both sides now use.
    /// </summary>
    public bool NegotiateFeatures(ulong wanted, ulong required, out ulong negotiated)
    {
        ulong offered = ReadFeatures();
        negotiated = offered & wanted;
        if ((negotiated & required) != required)
        {
            AddStatus(StatusFailed);
            return false;
        }
        WriteCommon32(DriverFeatureSelect, 0);
        WriteCommon32(DriverFeature, (uint)negotiated);
        WriteCommon32(DriverFeatureSelect, 1);
        WriteCommon32(DriverFeature, (uint)(negotiated >> 32));
        AddStatus(StatusFeaturesOk);
        if ((Status & StatusFeaturesOk) == 0)
        {
            AddStatus(StatusFailed);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Sets up queue <paramref name="index"/> with at most <paramref name="size"/> entries (a power of two), its
    /// rings in <paramref name="queue"/>'s pages, interrupting through MSI-X table entry <paramref name="msixEntry"/>
    /// (<see cref="NoVector"/> for none), and enables it. False when the device has no such queue, refuses the
    /// vector, the notification address lies outside its structure, or there is no memory for the rings.
    /// </summary>
    public bool SetUpQueue(ushort index, int size, ushort msixEntry, bool eventIndex, ref SplitVirtqueue queue)
    {
        WriteCommon16(QueueSelect, index);
        int maximum = ReadCommon16(QueueSize);
        if (maximum == 0)
            return false;
        while (size > maximum)
            size >>= 1;
        if (size == 0 || ReadCommon16(QueueEnable) != 0)
            return false;
        ulong notifyOffset = (ulong)ReadCommon16(QueueNotifyOffset) * _notifyMultiplier;
        if (notifyOffset + 2 > _notifyLength)
            return false;
        if (!queue.Initialize(index, size, eventIndex, (ushort*)(_notify + notifyOffset)))
            return false;
        WriteCommon16(QueueSize, (ushort)size);
        WriteCommon64(QueueDescriptors, queue.DescriptorTableAddress);
        WriteCommon64(QueueDriver, queue.AvailableRingAddress);
        WriteCommon64(QueueDevice, queue.UsedRingAddress);
        WriteCommon16(QueueMsixVector, msixEntry);
        if (msixEntry != NoVector && ReadCommon16(QueueMsixVector) != msixEntry)
            return false;
        WriteCommon16(QueueEnable, 1);
        return true;
    }

    /// <summary>Routes configuration-change interrupts to MSI-X table entry <paramref name="msixEntry"/>; false when the device refuses.</summary>
    public bool SetConfigVector(ushort msixEntry)
    {
        WriteCommon16(ConfigMsixVector, msixEntry);
        return ReadCommon16(ConfigMsixVector) == msixEntry;
    }

    /// <summary>
    /// Copies <paramref name="length"/> bytes of device configuration from <paramref name="offset"/>, re-reading until
    /// the configuration generation is the same before and after (a consistent snapshot). False when they lie outside
    /// the device structure.
    /// </summary>
    public bool ReadDeviceConfig(uint offset, byte* target, int length)
    {
        if (_device == null || length < 0 || (ulong)offset + (uint)length > _deviceLength)
            return false;
        byte before, after;
        do
        {
            before = Volatile.Read(ref _common[ConfigGeneration]);
            for (int i = 0; i < length; i++)
                target[i] = Volatile.Read(ref _device[offset + i]);
            after = Volatile.Read(ref _common[ConfigGeneration]);
        }
        while (before != after);
        return true;
    }

    private ulong ReadFeatures()
    {
        WriteCommon32(DeviceFeatureSelect, 0);
        ulong low = ReadCommon32(DeviceFeature);
        WriteCommon32(DeviceFeatureSelect, 1);
        return low | (ulong)ReadCommon32(DeviceFeature) << 32;
    }

    private byte* Map(VirtioPciRegion region, uint needed)
    {
        PciBar bar = _bars[region.Bar];
        if (!bar.IsPresent || bar.IsIo || !region.FitsIn(bar.Size, needed))
            return null;
        return DeviceRegisters.Map(bar.Address, bar.Size) ? (byte*)(bar.Address + region.Offset) : null;
    }

    private ushort ReadCommon16(int offset) => Volatile.Read(ref *(ushort*)(_common + offset));

    private uint ReadCommon32(int offset) => Volatile.Read(ref *(uint*)(_common + offset));

    private void WriteCommon16(int offset, ushort value) => Volatile.Write(ref *(ushort*)(_common + offset), value);

    private void WriteCommon32(int offset, uint value) => Volatile.Write(ref *(uint*)(_common + offset), value);

    /// <summary>64-bit fields as two 32-bit writes, low half first, as the spec allows.</summary>
    private void WriteCommon64(int offset, ulong value)
    {
        WriteCommon32(offset, (uint)value);
        WriteCommon32(offset + 4, (uint)(value >> 32));
    }

    [InlineArray(PciBar.Count)]
    private struct Bars
    {
        private PciBar _first;
    }
}
