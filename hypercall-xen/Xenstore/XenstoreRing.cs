using System.Threading;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Xenstore;

/// <summary>
/// The xenstore_domain_interface page (HVM_PARAM_STORE_PFN): a 1 KiB request ring we produce and a 1 KiB response
/// ring xenstored produces, notified on HVM_PARAM_STORE_EVTCHN. Our own indices are kept privately and only
/// published; the peer's are checked on every read, and impossible values mark the ring corrupt for good.
/// </summary>
internal static unsafe class XenstoreRing
{
    private const uint RingSize = 1024;
    private const int RequestOffset = 0;
    private const int ResponseOffset = 1024;
    private const int RequestConsumerOffset = 2048;
    private const int RequestProducerOffset = 2052;
    private const int ResponseConsumerOffset = 2056;
    private const int ResponseProducerOffset = 2060;

    private static byte* s_page;
    private static uint s_port;
    private static uint s_requestProducer;
    private static uint s_responseConsumer;

    public static bool Corrupt { get; private set; }

    public static bool Initialize()
    {
        ulong frame = HvmParameters.Get(HvmParameters.StorePfn);
        ulong port = HvmParameters.Get(HvmParameters.StoreEventChannel);
        if (frame == 0 || frame >= 1UL << 20 || port == 0 || port >= EventChannels.MaxPorts)
            return false;
        s_page = (byte*)(frame << 12);
        s_port = (uint)port;
        s_requestProducer = Volatile.Read(ref *Index(RequestProducerOffset));
        s_responseConsumer = Volatile.Read(ref *Index(ResponseConsumerOffset));
        return true;
    }

    public static bool IsAvailable => s_page != null && !Corrupt;

    public static uint Port => s_port;

    /// <summary>Queues <paramref name="length"/> bytes of request; false on a corrupt ring or a stalled peer.</summary>
    public static bool Send(byte* data, int length, ulong deadline)
    {
        int sent = 0;
        while (sent < length)
        {
            uint used = s_requestProducer - Volatile.Read(ref *Index(RequestConsumerOffset));
            if (used > RingSize)
                return Fail();
            if (used == RingSize)
            {
                EventChannels.Send(s_port);
                if (!EventChannels.WaitUntil(&RequestSpace, s_port, deadline))
                    return false;
                continue;
            }
            uint count = System.Math.Min((uint)(length - sent), RingSize - used);
            for (uint i = 0; i < count; i++)
                s_page[RequestOffset + ((s_requestProducer + i) & (RingSize - 1))] = data[sent + (int)i];
            s_requestProducer += count;
            Volatile.Write(ref *Index(RequestProducerOffset), s_requestProducer);
            sent += (int)count;
        }
        EventChannels.Send(s_port);
        return true;
    }

    /// <summary>Takes exactly <paramref name="length"/> bytes of response, waiting for them until <paramref name="deadline"/>.</summary>
    public static bool Receive(byte* target, int length, ulong deadline)
    {
        int received = 0;
        while (received < length)
        {
            uint available = Volatile.Read(ref *Index(ResponseProducerOffset)) - s_responseConsumer;
            if (available > RingSize)
                return Fail();
            if (available == 0)
            {
                if (!EventChannels.WaitUntil(&ResponseAvailable, s_port, deadline))
                    return false;
                continue;
            }
            uint count = System.Math.Min((uint)(length - received), available);
            for (uint i = 0; i < count; i++)
                target[received + (int)i] = s_page[ResponseOffset + ((s_responseConsumer + i) & (RingSize - 1))];
            s_responseConsumer += count;
            Volatile.Write(ref *Index(ResponseConsumerOffset), s_responseConsumer);
            received += (int)count;
            EventChannels.Send(s_port);
        }
        return true;
    }

    public static bool HasResponse() => s_page != null && Volatile.Read(ref *Index(ResponseProducerOffset)) != s_responseConsumer;

    /// <summary>Gives the connection up (a reply header the client could not accept leaves the stream unusable).</summary>
    public static void MarkCorrupt() => Corrupt = true;

    private static bool Fail()
    {
        Corrupt = true;
        return false;
    }

    private static uint* Index(int offset) => (uint*)(s_page + offset);

    private static bool RequestSpace() => s_requestProducer - Volatile.Read(ref *Index(RequestConsumerOffset)) != RingSize;

    private static bool ResponseAvailable() => Volatile.Read(ref *Index(ResponseProducerOffset)) != s_responseConsumer;
}
