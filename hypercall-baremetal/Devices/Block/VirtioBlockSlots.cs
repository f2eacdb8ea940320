namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// How a virtio-blk queue's descriptor table is cut into request slots: slot n owns the <see cref="Stride"/>
/// descriptors from n × <see cref="Stride"/>, a chain of the header, up to <see cref="DataDescriptors"/> data
/// descriptors and the status byte, offered by its first. Fixed slots need no descriptor free list, and every
/// device supports chains (indirect descriptors are optional). Pure.
/// </summary>
internal readonly struct VirtioBlockSlots
{
    /// <summary>The most requests in flight on one disk (the kernel keeps at most this many per transfer).</summary>
    public const int MaxRequests = 32;

    /// <summary>Header and status around the data.</summary>
    private const int FixedDescriptors = 2;

    public VirtioBlockSlots(int requests, int stride, int dataDescriptors)
    {
        Requests = requests;
        Stride = stride;
        DataDescriptors = dataDescriptors;
    }

    public int Requests { get; }

    public int Stride { get; }

    public int DataDescriptors { get; }

    /// <summary>
    /// Slots for a ring of <paramref name="queueSize"/> descriptors: up to <see cref="MaxRequests"/>, each as long as
    /// the ring allows, its data descriptors no more than <paramref name="maxSegments"/> (seg_max; 0 for no limit).
    /// False when the ring cannot hold one request with one data descriptor.
    /// </summary>
    public static bool TryCompute(int queueSize, uint maxSegments, out VirtioBlockSlots slots)
    {
        slots = default;
        int requests = queueSize / (FixedDescriptors + 1);
        if (requests == 0)
            return false;
        if (requests > MaxRequests)
            requests = MaxRequests;
        int stride = queueSize / requests;
        int data = stride - FixedDescriptors;
        if (maxSegments != 0 && (uint)data > maxSegments)
            data = (int)maxSegments;
        slots = new VirtioBlockSlots(requests, stride, data);
        return true;
    }

    /// <summary>The first descriptor of slot <paramref name="slot"/>, the id its chain is offered and used under.</summary>
    public int Head(int slot) => slot * Stride;

    /// <summary>The slot whose chain starts at descriptor <paramref name="head"/> (a <see cref="Head"/> the device gave back).</summary>
    public int SlotOf(int head) => head / Stride;
}
