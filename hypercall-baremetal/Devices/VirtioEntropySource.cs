using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices.Pci;
using Sharprun.Hypercall.Devices.Virtio;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// A virtio-rng device (virtio 1.2 §5.4) as an extra entropy source: a few device-written buffers stay posted;
/// whatever the device has filled when entropy is asked for is mixed (XOR) into the output and the buffers are
/// posted again. Never waits for the device, so without one, or before it answered, the output is unchanged.
/// The device is started by PCI enumeration, which only the network calls; <see cref="MixInto"/> (called by every
/// GetEntropy) reaches the queue code only through a pointer that <see cref="Start"/> sets, so an image without
/// networking does not compile the virtio code through its entropy calls.
/// </summary>
internal static unsafe class VirtioEntropySource
{
    private const int BufferCount = 4;
    private const int BufferSize = 256;

    private static VirtioPciTransport s_transport;
    private static SplitVirtqueue s_queue;

    /// <summary><see cref="MixDelivered"/> once the device runs, else null.</summary>
    private static delegate*<byte*, int, void> s_mix;

    /// <summary>Starts the device at <paramref name="function"/> (the first one found); logs why when it cannot.</summary>
    public static void Start(PciAddress function)
    {
        if (s_mix != null)
            return;
        string? failure = null;
        if (TryStart(function, ref failure))
            s_mix = &MixDelivered;
        else
        {
            SerialConsole.WriteKernel("entropy: virtio-rng not used: ");
            SerialConsole.WriteKernel(failure ?? "unknown reason");
            SerialConsole.WriteKernel("\n");
        }
    }

    /// <summary>XORs what the device delivered so far into <paramref name="buffer"/>, cycling over it.</summary>
    public static void MixInto(byte* buffer, int length)
    {
        delegate*<byte*, int, void> mix = s_mix;
        if (mix != null && length > 0)
            mix(buffer, length);
    }

    private static void MixDelivered(byte* buffer, int length)
    {
        bool enabled = ThreadContext.DisableInterrupts();
        int position = 0;
        while (s_queue.TryTake(out int id, out int delivered))
        {
            var bytes = (byte*)s_queue.BufferAddress(id);
            for (int i = 0; i < delivered; i++)
            {
                buffer[position] ^= bytes[i];
                position = position + 1 == length ? 0 : position + 1;
            }
            s_queue.Offer(id);
        }
        s_queue.Publish();
        if (enabled)
            ThreadContext.EnableInterrupts();
    }

    private static bool TryStart(PciAddress function, ref string? failure)
    {
        if (!s_transport.TryOpen(function, out failure))
            return false;
        if (!s_transport.Reset())
        {
            failure = "the device does not reset";
            return false;
        }
        s_transport.AddStatus(VirtioPciTransport.StatusAcknowledge | VirtioPciTransport.StatusDriver);
        ulong version1 = 1UL << VirtioPciTransport.FeatureVersion1;
        if (!s_transport.NegotiateFeatures(version1, version1, out _))
        {
            failure = "the device lacks VERSION_1";
            return false;
        }
        byte* page = DevicePages.Take();
        if (page == null || !s_transport.SetUpQueue(0, BufferCount, VirtioPciTransport.NoVector, eventIndex: false, ref s_queue))
        {
            s_transport.AddStatus(VirtioPciTransport.StatusFailed);
            failure = "its queue could not be set up";
            return false;
        }
        s_queue.SuppressInterrupts();
        for (int id = 0; id < s_queue.Size; id++)
        {
            s_queue.Describe(id, (ulong)(page + id * BufferSize), BufferSize, deviceWrites: true);
            s_queue.Offer(id);
        }
        s_transport.AddStatus(VirtioPciTransport.StatusDriverOk);
        s_queue.Publish();
        return true;
    }
}

