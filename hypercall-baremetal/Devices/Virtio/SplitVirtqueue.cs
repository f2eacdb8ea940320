using System.Runtime.CompilerServices;
using System.Threading;

namespace Sharprun.Hypercall.Devices.Virtio;

/// <summary>
/// One split virtqueue (virtio 1.2 §2.7) in three pages of its own: the descriptor table, the available (driver)
/// ring with used_event, and the used (device) ring with avail_event. The network and entropy drivers use one
/// descriptor per buffer, descriptor n always describing buffer n, so a buffer goes back to the device by offering
/// its id again; the block driver chains descriptors (<see cref="DescribeChained"/>) and offers a chain by its
/// first. Everything the device writes is checked: a used index that jumps past the ring, or a used entry naming
/// a descriptor the device does not hold or a length beyond it (for a lone descriptor; a chain's length is its
/// driver's to check), marks the queue broken (<see cref="IsBroken"/>) and it is used no more. Not safe against
/// itself on interrupts: callers disable them around every call.
/// </summary>
internal unsafe struct SplitVirtqueue
{
    public const int MaxSize = 256;

    private const ushort DescriptorNext = 1;
    private const ushort DescriptorDeviceWrites = 2;
    private const ushort AvailableNoInterrupt = 1;
    private const ushort UsedNoNotify = 1;
    private const int DescriptorSize = 16;

    private byte* _descriptors;

    /// <summary>flags, idx, ring[size], used_event: 16-bit words.</summary>
    private ushort* _available;

    /// <summary>flags and idx (16-bit), ring[size] of {id, len} (32-bit), avail_event (16-bit).</summary>
    private byte* _used;

    private ushort* _notify;
    private ushort _index;
    private ushort _size;
    private ushort _nextAvailable;
    private ushort _notifiedAvailable;
    private ushort _consumed;
    private bool _eventIndex;
    private HeldByDevice _held;

    public bool IsBroken { get; private set; }

    public int Size => _size;

    public ulong DescriptorTableAddress => (ulong)_descriptors;

    public ulong AvailableRingAddress => (ulong)_available;

    public ulong UsedRingAddress => (ulong)_used;

    /// <summary>Takes the rings' pages; false when there is no memory or the size is not a power of two up to <see cref="MaxSize"/>.</summary>
    public bool Initialize(ushort index, int size, bool eventIndex, ushort* notify)
    {
        if (size <= 0 || size > MaxSize || (size & (size - 1)) != 0)
            return false;
        _descriptors = DevicePages.Take();
        _available = (ushort*)DevicePages.Take();
        _used = DevicePages.Take();
        if (_descriptors == null || _available == null || _used == null)
            return false;
        _index = index;
        _size = (ushort)size;
        _eventIndex = eventIndex;
        _notify = notify;
        return true;
    }

    /// <summary>Describes buffer <paramref name="id"/>: <paramref name="length"/> bytes at <paramref name="address"/>, written by the device when <paramref name="deviceWrites"/>.</summary>
    public void Describe(int id, ulong address, uint length, bool deviceWrites)
    {
        byte* descriptor = _descriptors + id * DescriptorSize;
        *(ulong*)descriptor = address;
        *(uint*)(descriptor + 8) = length;
        *(ushort*)(descriptor + 12) = deviceWrites ? DescriptorDeviceWrites : (ushort)0;
        *(ushort*)(descriptor + 14) = 0;
    }

    /// <summary>
    /// Like <see cref="Describe"/>, and chains descriptor <paramref name="id"/> to <paramref name="next"/>: the
    /// device reads the chain on to it. The caller chose both below <see cref="Size"/>.
    /// </summary>
    public void DescribeChained(int id, ulong address, uint length, bool deviceWrites, int next)
    {
        Describe(id, address, length, deviceWrites);
        byte* descriptor = _descriptors + id * DescriptorSize;
        *(ushort*)(descriptor + 12) |= DescriptorNext;
        *(ushort*)(descriptor + 14) = (ushort)next;
    }

    public ulong BufferAddress(int id) => *(ulong*)(_descriptors + id * DescriptorSize);

    public uint BufferLength(int id) => *(uint*)(_descriptors + id * DescriptorSize + 8);

    /// <summary>Sets buffer <paramref name="id"/>'s length before offering it again (a transmit buffer holds one frame).</summary>
    public void SetBufferLength(int id, uint length) => *(uint*)(_descriptors + id * DescriptorSize + 8) = length;

    /// <summary>Puts buffer <paramref name="id"/> in the available ring; the device sees it at <see cref="Publish"/>. False when the device holds it already.</summary>
    public bool Offer(int id)
    {
        if ((uint)id >= _size || _held[id])
            return false;
        _held[id] = true;
        _available[2 + VirtqueueIndex.Slot(_nextAvailable, _size)] = (ushort)id;
        _nextAvailable++;
        return true;
    }

    /// <summary>Makes the offered buffers visible and notifies the device unless it said it needs no notification.</summary>
    public void Publish()
    {
        if (_nextAvailable == _notifiedAvailable)
            return;
        Volatile.Write(ref _available[1], _nextAvailable);
        // The index must be visible before the device's event index is read (a store then a load).
        Interlocked.MemoryBarrier();
        bool notify = _eventIndex
            ? VirtqueueIndex.CrossesEvent(Volatile.Read(ref *(ushort*)(_used + 4 + 8 * _size)), _nextAvailable, _notifiedAvailable)
            : (Volatile.Read(ref *(ushort*)_used) & UsedNoNotify) == 0;
        _notifiedAvailable = _nextAvailable;
        if (notify)
            Volatile.Write(ref *_notify, _index);
    }

    /// <summary>Used entries waiting; 0 for a broken queue, which it becomes when the device's index jumps past the ring.</summary>
    public int Pending
    {
        get
        {
            if (IsBroken)
                return 0;
            int pending = VirtqueueIndex.Pending(Volatile.Read(ref *(ushort*)(_used + 2)), _consumed, _size);
            if (pending < 0)
                IsBroken = true;
            return pending < 0 ? 0 : pending;
        }
    }

    /// <summary>
    /// The used entry <paramref name="ahead"/> places after the next (below <see cref="Pending"/>), without taking
    /// it; false, the queue now broken, when it names a buffer the device does not hold or a length beyond the buffer.
    /// </summary>
    public bool TryPeek(int ahead, out int id, out int length)
    {
        byte* entry = _used + 4 + 8 * VirtqueueIndex.Slot((ushort)(_consumed + ahead), _size);
        uint usedId = Volatile.Read(ref *(uint*)entry);
        uint usedLength = Volatile.Read(ref *(uint*)(entry + 4));
        id = (int)usedId;
        length = (int)usedLength;
        if (usedId >= _size || !_held[(int)usedId] || (usedLength > BufferLength((int)usedId) && !IsChained((int)usedId)))
        {
            IsBroken = true;
            return false;
        }
        return true;
    }

    /// <summary>Takes the next used entry (checked as by <see cref="TryPeek"/>): the buffer is the driver's again.</summary>
    public bool TryTake(out int id, out int length)
    {
        if (Pending == 0 || !TryPeek(0, out id, out length))
        {
            id = length = 0;
            return false;
        }
        _held[id] = false;
        _consumed++;
        return true;
    }

    /// <summary>
    /// Asks for an interrupt once <paramref name="count"/> more entries are used (with EVENT_IDX; without it, for
    /// every entry), then reports whether any arrived meanwhile, so a caller about to wait does not miss them.
    /// </summary>
    public bool RequestInterruptAfter(int count)
    {
        if (_eventIndex)
            Volatile.Write(ref _available[2 + _size], (ushort)(_consumed + count - 1));
        else
            Volatile.Write(ref _available[0], 0);
        Interlocked.MemoryBarrier();
        return Pending > 0;
    }

    /// <summary>Asks the device not to interrupt for this queue, which must not use EVENT_IDX (a hint the device may ignore).</summary>
    public void SuppressInterrupts() => Volatile.Write(ref _available[0], AvailableNoInterrupt);

    /// <summary>Whether descriptor <paramref name="id"/> heads a chain, whose used length spans several descriptors.</summary>
    private bool IsChained(int id) => (*(ushort*)(_descriptors + id * DescriptorSize + 12) & DescriptorNext) != 0;

    [InlineArray(MaxSize)]
    private struct HeldByDevice
    {
        private bool _first;
    }
}
