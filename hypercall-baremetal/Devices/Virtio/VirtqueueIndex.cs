namespace Sharprun.Hypercall.Devices.Virtio;

/// <summary>
/// The free-running 16-bit indices of a split virtqueue (virtio 1.2 §2.7): how far the device's used index has
/// moved past what the driver consumed, and the EVENT_IDX rule for whether a move crosses the other side's event
/// index. Pure; the used index comes from the device, so a jump past the ring is reported, not believed.
/// </summary>
internal static class VirtqueueIndex
{
    /// <summary>Used entries waiting between <paramref name="consumed"/> and <paramref name="used"/>; -1 when more than the ring holds.</summary>
    public static int Pending(ushort used, ushort consumed, int queueSize)
    {
        int pending = (ushort)(used - consumed);
        return pending > queueSize ? -1 : pending;
    }

    /// <summary>
    /// vring_need_event: whether moving an index from <paramref name="old"/> to <paramref name="updated"/> passes
    /// <paramref name="eventIndex"/>, the entry after which the other side asked to be told.
    /// </summary>
    public static bool CrossesEvent(ushort eventIndex, ushort updated, ushort old) =>
        (ushort)(updated - eventIndex - 1) < (ushort)(updated - old);

    /// <summary>The ring slot of a free-running index (queue sizes are powers of two).</summary>
    public static int Slot(ushort index, int queueSize) => index & (queueSize - 1);
}
