using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Devices.Pci;
using Sharprun.Hypercall.Devices.Virtio;

namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// One virtio-blk device (virtio 1.2 §5.2): request queue 0 cut into fixed request slots (<see cref="VirtioBlockSlots"/>),
/// each request a descriptor chain of its header, the caller's memory as data (straight, no copy: memory is
/// identity-mapped) and its status byte; headers and status bytes live in one page of the driver's. A request is
/// told apart by its slot, which holds the caller's tag until it completes; its outcome is the status byte (the used
/// length is not needed, and legacy devices were known to get it wrong). One MSI-X vector serves the queue, or,
/// on a device without MSI-X, its INTx line through the I/O APIC. Callers disable interrupts around every call.
/// </summary>
internal unsafe struct VirtioBlockDevice
{
    private const ushort RequestQueue = 0;
    private const int QueueSize = SplitVirtqueue.MaxSize;
    private const ushort MsixEntry = 0;

    /// <summary>Each slot's bytes in the request page: the header, then the status byte.</summary>
    private const int SlotBytes = 32;
    private const int StatusOffset = VirtioBlockRequestHeader.Size;

    private VirtioPciTransport _transport;
    private SplitVirtqueue _queue;
    private ulong _features;
    private VirtioBlockConfig _config;
    private VirtioBlockSlots _slots;
    private byte* _requestPage;
    private Tags _tags;
    private FreeSlots _free;
    private int _freeCount;

    /// <summary>Bit n: slot n is with the device.</summary>
    private uint _inFlight;

    private int _legacyLine;

    public ulong SectorCount => _config.SectorCount;

    public int SectorSize => _config.SectorSize;

    public bool IsReadOnly => Has(VirtioBlockConfig.FeatureReadOnly);

    public bool Flushes => Has(VirtioBlockConfig.FeatureFlush);

    public int MaxSegments => _slots.DataDescriptors;

    public int MaxRequests => _slots.Requests;

    /// <summary>The ISA line of the device's INTx when it runs without MSI-X, else -1.</summary>
    public int LegacyLine => _legacyLine;

    /// <summary>Reads and clears the ISR status when running on INTx: true when this device asked for attention.</summary>
    public bool TakeLegacyInterrupt() => _legacyLine >= 0 && _transport.TakeInterruptStatus() != 0;

    /// <summary>
    /// Resets and starts the device at <paramref name="function"/>. Its interrupts go to the message vector
    /// <paramref name="vector"/> through MSI-X, or, with <paramref name="vector"/> -1 (a device without MSI-X), to the
    /// INTx line in <see cref="LegacyLine"/>, which the caller registers. False, with the reason, when anything the
    /// driver needs is missing; the device is then left FAILED or reset.
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
        ulong version1 = Bit(VirtioPciTransport.FeatureVersion1);
        ulong wanted = version1 | Bit(VirtioBlockConfig.FeatureFlush) | Bit(VirtioBlockConfig.FeatureBlockSize)
            | Bit(VirtioBlockConfig.FeatureSegmentMax) | Bit(VirtioBlockConfig.FeatureSizeMax) | Bit(VirtioBlockConfig.FeatureReadOnly);
        if (!_transport.NegotiateFeatures(wanted, version1, out _features))
        {
            failure = "the device lacks VERSION_1, or refused the features";
            return false;
        }
        byte* config = stackalloc byte[VirtioBlockConfig.Length];
        int configLength = _transport.DeviceConfigLength < VirtioBlockConfig.Length ? (int)_transport.DeviceConfigLength : VirtioBlockConfig.Length;
        if (!_transport.ReadDeviceConfig(0, config, configLength)
            || !VirtioBlockConfig.TryRead(new System.ReadOnlySpan<byte>(config, configLength), _features, out _config, out failure))
        {
            _transport.AddStatus(VirtioPciTransport.StatusFailed);
            failure ??= "the device has no configuration structure";
            return false;
        }
        ushort entry = route.Enable(function, MsixEntry, vector);
        // Capacity changes are not followed, so configuration interrupts are not asked for.
        if (!_transport.SetConfigVector(VirtioPciTransport.NoVector)
            || !_transport.SetUpQueue(RequestQueue, QueueSize, entry, eventIndex: false, ref _queue))
        {
            _transport.AddStatus(VirtioPciTransport.StatusFailed);
            failure = "the request queue or its MSI-X vector could not be set up";
            return false;
        }
        if (!VirtioBlockSlots.TryCompute(_queue.Size, _config.MaxSegments, out _slots))
        {
            _transport.AddStatus(VirtioPciTransport.StatusFailed);
            failure = "the request queue is too small for one request";
            return false;
        }
        if ((_requestPage = DevicePages.Take()) == null)
        {
            _transport.AddStatus(VirtioPciTransport.StatusFailed);
            failure = "no memory left for the request headers";
            return false;
        }
        for (int slot = _slots.Requests - 1; slot >= 0; slot--)
            _free[_freeCount++] = (byte)slot;
        _transport.AddStatus(VirtioPciTransport.StatusDriverOk);
        return true;
    }

    /// <summary>See Hypercalls.BlockSubmit: queues one request and notifies the device, or says why not.</summary>
    public int Submit(int operation, ulong sector, ulong* addresses, uint* lengths, int count, ulong tag)
    {
        if (_queue.IsBroken)
            return BlockErrno.IoError;
        if (count < 0 || (count > 0 && (addresses == null || lengths == null)))
            return BlockErrno.InvalidArgument;
        int checkedResult = BlockRequestCheck.Check(operation, sector, new System.ReadOnlySpan<uint>(lengths, count), _config,
            IsReadOnly, Flushes, _slots.DataDescriptors, out uint type, out ulong deviceSector, out _);
        if (checkedResult != BlockErrno.None)
            return checkedResult;
        if (_freeCount == 0)
            return BlockErrno.TryAgain;
        int slot = _free[--_freeCount];
        byte* request = _requestPage + slot * SlotBytes;
        VirtioBlockRequestHeader.Write(new System.Span<byte>(request, VirtioBlockRequestHeader.Size), type, deviceSector);
        request[StatusOffset] = VirtioBlockRequestHeader.StatusUnwritten;
        int head = _slots.Head(slot);
        _queue.DescribeChained(head, (ulong)request, VirtioBlockRequestHeader.Size, deviceWrites: false, head + 1);
        int descriptor = head + 1;
        bool deviceWrites = operation == BlockRequestCheck.OperationRead;
        uint limit = _config.MaxSegmentBytes;
        for (int segment = 0; segment < count; segment++)
        {
            ulong address = addresses[segment];
            uint left = lengths[segment];
            while (left > 0)
            {
                uint piece = limit != 0 && left > limit ? limit : left;
                _queue.DescribeChained(descriptor, address, piece, deviceWrites, descriptor + 1);
                descriptor++;
                address += piece;
                left -= piece;
            }
        }
        _queue.Describe(descriptor, (ulong)(request + StatusOffset), 1, deviceWrites: true);
        _tags[slot] = tag;
        _inFlight |= 1u << slot;
        _queue.Offer(head);
        _queue.Publish();
        return BlockErrno.None;
    }

    /// <summary>
    /// See Hypercalls.BlockComplete: copies up to <paramref name="capacity"/> finished requests out and frees their
    /// slots. Once the device has broken the ring protocol, every request still with it is reported failed (EIO),
    /// so no caller waits for an answer that cannot come.
    /// </summary>
    public int Complete(ulong* tags, int* statuses, int capacity)
    {
        int taken = 0;
        while (taken < capacity && _queue.TryTake(out int head, out _))
        {
            // The queue gives back only ids it was offered, and only chain heads are.
            int slot = _slots.SlotOf(head);
            tags[taken] = _tags[slot];
            statuses[taken] = VirtioBlockRequestHeader.ToErrno(_requestPage[slot * SlotBytes + StatusOffset]);
            taken++;
            Release(slot);
        }
        for (int slot = 0; _queue.IsBroken && slot < _slots.Requests && taken < capacity; slot++)
        {
            if ((_inFlight & (1u << slot)) == 0)
                continue;
            tags[taken] = _tags[slot];
            statuses[taken] = BlockErrno.IoError;
            taken++;
            Release(slot);
        }
        return taken;
    }

    private void Release(int slot)
    {
        _inFlight &= ~(1u << slot);
        _free[_freeCount++] = (byte)slot;
    }

    private readonly bool Has(int feature) => (_features & Bit(feature)) != 0;

    private static ulong Bit(int feature) => 1UL << feature;

    [InlineArray(VirtioBlockSlots.MaxRequests)]
    private struct Tags
    {
        private ulong _first;
    }

    [InlineArray(VirtioBlockSlots.MaxRequests)]
    private struct FreeSlots
    {
        private byte _first;
    }
}
