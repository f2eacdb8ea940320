using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Devices.Pci;
using Sharprun.Hypercall.Devices.Virtio;

namespace Sharprun.Hypercall.Devices.Net;

/// <summary>
/// One virtio-net device (virtio 1.2 §5.1): receive queue 0 and transmit queue 1, each buffer a 2 KiB slot of
/// preallocated pages. Receive buffers are all posted at start and reposted as soon as a frame is copied out;
/// transmit copies the frame behind a virtio_net_hdr into a free slot, reclaiming used slots first. One MSI-X
/// vector serves both queues and configuration changes, or, on a device without MSI-X, its INTx line through the
/// I/O APIC. Callers disable interrupts around every call.
/// </summary>
internal unsafe struct VirtioNetInterface
{
    public const int FeatureChecksum = 0;
    public const int FeatureGuestChecksum = 1;
    public const int FeatureMtu = 3;
    public const int FeatureMac = 5;
    public const int FeatureMergeableReceiveBuffers = 15;
    public const int FeatureStatus = 16;

    /// <summary>Ethernet's default when the device states no MTU.</summary>
    public const int DefaultMtu = 1500;

    private const int EthernetHeader = 14;
    private const int SmallestMtu = 68;
    private const int BufferSize = 2048;
    private const int ReceiveQueueSize = 128;
    private const int TransmitQueueSize = 64;
    private const ushort ReceiveQueue = 0;
    private const ushort TransmitQueue = 1;
    private const ushort MsixEntry = 0;
    private const uint MacOffset = 0;
    private const uint StatusOffset = 6;
    private const uint MtuOffset = 10;
    private const ushort StatusLinkUp = 1;

    /// <summary>The largest frame a transmit slot holds behind its header.</summary>
    public const int MaxTransmitFrame = BufferSize - VirtioNetHeader.Size;

    private VirtioPciTransport _transport;
    private SplitVirtqueue _receive;
    private SplitVirtqueue _transmit;
    private ulong _features;
    private FreeSlots _freeTransmit;
    private int _freeTransmitCount;
    private MacBytes _mac;
    private int _mtu;
    private int _legacyLine;

    public int Mtu => _mtu;

    /// <summary>The ISA line of the device's INTx when it runs without MSI-X, else -1.</summary>
    public int LegacyLine => _legacyLine;

    /// <summary>True when the function at <paramref name="function"/> can signal through MSI-X.</summary>
    public static bool HasMessageInterrupts(PciAddress function) => MsixTable.TryFindCapability(function, out _);

    /// <summary>Reads and clears the ISR status when running on INTx: true when this device asked for attention.</summary>
    public bool TakeLegacyInterrupt() => _legacyLine >= 0 && _transport.TakeInterruptStatus() != 0;

    public bool OffloadsTransmitChecksum => Has(FeatureChecksum);

    public bool IsBroken => _receive.IsBroken || _transmit.IsBroken;

    public void CopyMac(byte* target)
    {
        for (int i = 0; i < 6; i++)
            target[i] = _mac[i];
    }

    /// <summary>True unless the device reports its link down (always up without the STATUS feature).</summary>
    public bool LinkUp
    {
        get
        {
            if (!Has(FeatureStatus))
                return true;
            ushort status;
            return !_transport.ReadDeviceConfig(StatusOffset, (byte*)&status, 2) || (status & StatusLinkUp) != 0;
        }
    }

    /// <summary>
    /// Resets and starts the device at <paramref name="function"/>. Its interrupts go to the message vector
    /// <paramref name="vector"/> through MSI-X, or, with <paramref name="vector"/> -1 (a device without MSI-X, see
    /// <see cref="HasMessageInterrupts"/>), to the INTx line in <see cref="LegacyLine"/>, which the caller registers.
    /// False, with the reason, when anything the driver needs is missing; the device is then left FAILED or reset.
    /// </summary>
    public bool TryStart(PciAddress function, int vector, out string? failure)
    {
        _legacyLine = -1;
        if (!_transport.TryOpen(function, out failure)
            || !VirtioInterruptRoute.TryFind(ref _transport, function, vector >= 0, out VirtioInterruptRoute route, out failure))
            return false;
        _legacyLine = route.LegacyLine;
        if (!_transport.Reset())
        {
            failure = "the device does not reset";
            return false;
        }
        _transport.AddStatus(VirtioPciTransport.StatusAcknowledge | VirtioPciTransport.StatusDriver);
        ulong wanted = Bit(VirtioPciTransport.FeatureVersion1) | Bit(VirtioPciTransport.FeatureRingEventIndex)
            | Bit(FeatureMac) | Bit(FeatureStatus) | Bit(FeatureMtu) | Bit(FeatureMergeableReceiveBuffers)
            | Bit(FeatureChecksum) | Bit(FeatureGuestChecksum);
        if (!_transport.NegotiateFeatures(wanted, Bit(VirtioPciTransport.FeatureVersion1) | Bit(FeatureMac), out _features))
        {
            failure = "the device lacks VERSION_1 or MAC, or refused the features";
            return false;
        }
        ushort entry = route.Enable(function, MsixEntry, vector);
        bool eventIndex = Has(VirtioPciTransport.FeatureRingEventIndex);
        if (!_transport.SetConfigVector(entry)
            || !_transport.SetUpQueue(ReceiveQueue, ReceiveQueueSize, entry, eventIndex, ref _receive)
            || !_transport.SetUpQueue(TransmitQueue, TransmitQueueSize, entry, eventIndex, ref _transmit))
        {
            _transport.AddStatus(VirtioPciTransport.StatusFailed);
            failure = "the queues or their MSI-X vector could not be set up";
            return false;
        }
        if (!TakeBuffers(ref _receive, deviceWrites: true) || !TakeBuffers(ref _transmit, deviceWrites: false))
        {
            _transport.AddStatus(VirtioPciTransport.StatusFailed);
            failure = "no memory left for the buffers";
            return false;
        }
        if (!ReadConfiguration(out failure))
        {
            _transport.AddStatus(VirtioPciTransport.StatusFailed);
            return false;
        }
        for (int id = 0; id < _receive.Size; id++)
            _receive.Offer(id);
        for (int id = _transmit.Size - 1; id >= 0; id--)
            _freeTransmit[_freeTransmitCount++] = (ushort)id;
        _transmit.RequestInterruptAfter(_transmit.Size / 2);
        _transport.AddStatus(VirtioPciTransport.StatusDriverOk);
        // The device may be notified only once DRIVER_OK is set.
        _receive.Publish();
        return true;
    }

    /// <summary>See Hypercalls.NetworkTransmit. False when the ring is full, the frame too long or empty, or a checksum is asked without CSUM.</summary>
    public bool Transmit(byte* frame, int length, int checksumStart, int checksumOffset)
    {
        while (_transmit.TryTake(out int done, out _))
            _freeTransmit[_freeTransmitCount++] = (ushort)done;
        if (length <= 0 || length > MaxTransmitFrame || (checksumStart >= 0 && !OffloadsTransmitChecksum) || _transmit.IsBroken)
            return false;
        if (_freeTransmitCount == 0)
        {
            // Full: ask to hear when half the ring is done, so the stack learns it can send again.
            _transmit.RequestInterruptAfter(_transmit.Size / 2);
            return false;
        }
        int id = _freeTransmit[_freeTransmitCount - 1];
        var slot = (byte*)_transmit.BufferAddress(id);
        if (!VirtioNetHeader.TryWriteTransmit(new System.Span<byte>(slot, VirtioNetHeader.Size), length, checksumStart, checksumOffset))
            return false;
        new System.ReadOnlySpan<byte>(frame, length).CopyTo(new System.Span<byte>(slot + VirtioNetHeader.Size, length));
        _transmit.SetBufferLength(id, (uint)(VirtioNetHeader.Size + length));
        _freeTransmitCount--;
        _transmit.Offer(id);
        _transmit.Publish();
        return true;
    }

    /// <summary>See Hypercalls.NetworkReceive: the next frame's length (merged buffers joined), 0 when none is complete.</summary>
    public int Receive(byte* buffer, int capacity, bool* checksumVerified)
    {
        int received = 0;
        while (true)
        {
            int pending = _receive.Pending;
            if (pending == 0)
            {
                if (_receive.RequestInterruptAfter(1))
                    continue;
                break;
            }
            if (!_receive.TryPeek(0, out int first, out int firstLength))
                break;
            int maxBuffers = Has(FeatureMergeableReceiveBuffers) ? _receive.Size : 1;
            if (!VirtioNetHeader.TryRead(new System.ReadOnlySpan<byte>((byte*)_receive.BufferAddress(first), firstLength), maxBuffers, out VirtioNetHeader header))
            {
                Recycle(1);
                continue;
            }
            int count = header.BufferCount;
            if (pending < count)
            {
                // The rest of a merged frame is not there yet: wait for it.
                if (_receive.RequestInterruptAfter(count) && _receive.Pending >= count)
                    continue;
                break;
            }
            int total = firstLength - VirtioNetHeader.Size;
            bool valid = true;
            for (int ahead = 1; ahead < count && valid; ahead++)
            {
                valid = _receive.TryPeek(ahead, out _, out int length);
                total += length;
            }
            if (!valid)
                break;
            if (total > capacity)
            {
                Recycle(count);
                continue;
            }
            int copied = 0;
            for (int part = 0; part < count; part++)
            {
                _receive.TryTake(out int id, out int length);
                int skip = part == 0 ? VirtioNetHeader.Size : 0;
                new System.ReadOnlySpan<byte>((byte*)_receive.BufferAddress(id) + skip, length - skip).CopyTo(new System.Span<byte>(buffer + copied, length - skip));
                copied += length - skip;
                _receive.Offer(id);
            }
            *checksumVerified = Has(FeatureGuestChecksum) && header.ChecksumVerified;
            received = total;
            break;
        }
        _receive.Publish();
        return received;
    }

    /// <summary>Drops the next <paramref name="count"/> used receive buffers by giving them straight back.</summary>
    private void Recycle(int count)
    {
        for (int part = 0; part < count && _receive.TryTake(out int id, out _); part++)
            _receive.Offer(id);
    }

    private bool ReadConfiguration(out string? failure)
    {
        failure = null;
        byte* mac = stackalloc byte[6];
        if (!_transport.ReadDeviceConfig(MacOffset, mac, 6))
        {
            failure = "the device configuration is too short for the MAC address";
            return false;
        }
        for (int i = 0; i < 6; i++)
            _mac[i] = mac[i];
        _mtu = DefaultMtu;
        if (Has(FeatureMtu))
        {
            ushort mtu;
            if (!_transport.ReadDeviceConfig(MtuOffset, (byte*)&mtu, 2) || mtu < SmallestMtu)
            {
                failure = "the device states no usable MTU";
                return false;
            }
            _mtu = mtu < MaxTransmitFrame - EthernetHeader ? mtu : MaxTransmitFrame - EthernetHeader;
        }
        return true;
    }

    /// <summary>Gives every descriptor of <paramref name="queue"/> a 2 KiB slot, two to a page.</summary>
    private static bool TakeBuffers(ref SplitVirtqueue queue, bool deviceWrites)
    {
        byte* page = null;
        for (int id = 0; id < queue.Size; id++)
        {
            if (id % (DevicePages.PageSize / BufferSize) == 0 && (page = DevicePages.Take()) == null)
                return false;
            queue.Describe(id, (ulong)(page + id % (DevicePages.PageSize / BufferSize) * BufferSize), BufferSize, deviceWrites);
        }
        return true;
    }

    private readonly bool Has(int feature) => (_features & Bit(feature)) != 0;

    private static ulong Bit(int feature) => 1UL << feature;

    [InlineArray(SplitVirtqueue.MaxSize)]
    private struct FreeSlots
    {
        private ushort _first;
    }

    [InlineArray(6)]
    private struct MacBytes
    {
        private byte _first;
    }
}
