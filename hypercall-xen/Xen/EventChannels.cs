using System.Threading;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// Event channels, 2-level ABI. Xen delivers them through one interrupt vector, which <see cref="Upcall"/> sets up
/// and dispatches. The platform's own waits on a ring (console, xenstore) do not depend on interrupts: they block
/// the vCPU in SCHEDOP_poll on the ring's port, with interrupts disabled, so they work before the kernel enables
/// interrupts, never run the kernel's interrupt-exit hook from inside the platform, and leave the one-shot timer
/// to the kernel.
/// </summary>
internal static unsafe class EventChannels
{
    public const uint MaxPorts = 64 * 64;

    // EVTCHNOP_* (xen/include/public/event_channel.h).
    private const ulong BindVirqOp = 1;
    private const ulong CloseOp = 3;
    private const ulong SendOp = 4;
    private const ulong AllocUnboundOp = 6;
    private const ulong UnmaskOp = 9;

    /// <summary>SCHEDOP_poll.</summary>
    private const ulong PollOp = 3;

    /// <summary>
    /// Binds a virtual IRQ (per-vCPU like VIRQ_TIMER, or global like VIRQ_CONSOLE) to vCPU 0 on a new port,
    /// unmasked; returns the port or a negative errno.
    /// </summary>
    public static long BindVirq(uint virq)
    {
        uint* args = stackalloc uint[3];
        args[0] = virq;
        args[1] = 0;
        args[2] = 0;
        long result = XenHypercall.Call(XenHypercall.EventChannelOp, BindVirqOp, (ulong)args);
        if (result != 0)
            return result;
        Unmask(args[2]);
        return args[2];
    }

    /// <summary>A new port that <paramref name="remoteDomain"/> may bind to; returns the port or a negative errno.</summary>
    public static long AllocateUnbound(ushort remoteDomain)
    {
        // struct evtchn_alloc_unbound: dom u16, remote_dom u16, port u32 (out).
        ushort* args = stackalloc ushort[4];
        args[0] = XenHypercall.DomainSelf;
        args[1] = remoteDomain;
        *(uint*)(args + 2) = 0;
        long result = XenHypercall.Call(XenHypercall.EventChannelOp, AllocUnboundOp, (ulong)args);
        return result != 0 ? result : *(uint*)(args + 2);
    }

    public static long Send(uint port)
    {
        uint p = port;
        return XenHypercall.Call(XenHypercall.EventChannelOp, SendOp, (ulong)&p);
    }

    public static long Close(uint port)
    {
        uint p = port;
        return XenHypercall.Call(XenHypercall.EventChannelOp, CloseOp, (ulong)&p);
    }

    public static void Mask(uint port)
    {
        if (port < MaxPorts)
            Interlocked.Or(ref SharedInfo.EventMask[port / 64], 1UL << (int)(port % 64));
    }

    /// <summary>Unmasks through Xen, which raises the upcall again when the port became pending while masked.</summary>
    public static long Unmask(uint port)
    {
        uint p = port;
        return XenHypercall.Call(XenHypercall.EventChannelOp, UnmaskOp, (ulong)&p);
    }

    public static bool IsPending(uint port) =>
        port < MaxPorts && (Volatile.Read(ref SharedInfo.EventPending[port / 64]) & (1UL << (int)(port % 64))) != 0;

    /// <summary>Clears the port's pending bit; true when it was set.</summary>
    public static bool TakePending(uint port)
    {
        if (port >= MaxPorts)
            return false;
        ulong bit = 1UL << (int)(port % 64);
        return (Interlocked.And(ref SharedInfo.EventPending[port / 64], ~bit) & bit) != 0;
    }

    /// <summary>
    /// Waits until <paramref name="ready"/> holds or Xen system time reaches <paramref name="deadline"/>
    /// (<see cref="ulong.MaxValue"/>: no limit); <paramref name="port"/> is the one whose notifications the
    /// condition depends on. Returns whether the condition held. Interrupts stay disabled meanwhile: the waits are
    /// short (a console ring draining, a xenstore reply) and happen at boot, inside a console write or at exit.
    /// </summary>
    public static bool WaitUntil(delegate*<bool> ready, uint port, ulong deadline)
    {
        bool enabled = ThreadContext.DisableInterrupts();
        bool held;
        while (true)
        {
            // A notification after this point sets the bit again, which ends the poll below at once.
            TakePending(port);
            if (ready())
            {
                held = true;
                break;
            }
            if (deadline != ulong.MaxValue && PvClock.SystemTime() >= deadline)
            {
                held = false;
                break;
            }
            Poll(port, deadline == ulong.MaxValue ? 0 : deadline);
        }
        if (enabled)
            ThreadContext.EnableInterrupts();
        return held;
    }

    /// <summary>
    /// SCHEDOP_poll: blocks the vCPU until <paramref name="port"/> is pending or Xen system time reaches
    /// <paramref name="timeout"/> (0: no limit); returns at once when the port is already pending. Called with
    /// interrupts disabled, so no upcall can take the pending bit first.
    /// </summary>
    private static long Poll(uint port, ulong timeout)
    {
        uint ports = port;
        // struct sched_poll: ports (guest handle) u64, nr_ports u32, padding, timeout u64 (absolute system time).
        ulong* request = stackalloc ulong[3];
        request[0] = (ulong)&ports;
        request[1] = 1;
        request[2] = timeout;
        return XenHypercall.Call(XenHypercall.SchedOp, PollOp, (ulong)request);
    }
}
