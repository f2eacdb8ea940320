using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// Event channels, 2-level ABI. Xen delivers them through one interrupt vector (HVM_PARAM_CALLBACK_IRQ, vector
/// type); the toolchain's upcall entry only clears vcpu_info.evtchn_upcall_pending so that <c>hlt</c> wakes up.
/// Everything else happens outside interrupt context: a waiter clears the pending selector and its port's pending
/// bit, checks its condition, and only then sleeps, so a notification is never lost between check and sleep.
/// </summary>
internal static unsafe class EventChannels
{
    public const int UpcallVector = 0xF3;
    public const uint MaxPorts = 64 * 64;

    // EVTCHNOP_* (xen/include/public/event_channel.h).
    private const ulong BindVirqOp = 1;
    private const ulong CloseOp = 3;
    private const ulong SendOp = 4;
    private const ulong AllocUnboundOp = 6;
    private const ulong UnmaskOp = 9;

    /// <summary>Routes event channel upcalls to <see cref="UpcallVector"/>; false when Xen refuses.</summary>
    public static bool EnableUpcalls()
    {
        InstallUpcall(SharedInfo.UpcallPending, UpcallVector);
        // Delivery type 2 (vector) in bits 63:56.
        return HvmParameters.Set(HvmParameters.CallbackIrq, (2UL << 56) | UpcallVector) == 0;
    }

    /// <summary>Binds a virtual IRQ of vCPU 0 to a new port, unmasked; returns the port or a negative errno.</summary>
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
    /// Sleeps until <paramref name="ready"/> holds or Xen system time reaches <paramref name="deadline"/>
    /// (<see cref="ulong.MaxValue"/>: no limit). Wakes on any event; <paramref name="port"/> is the one whose
    /// notifications the condition depends on. Returns whether the condition held.
    /// </summary>
    public static bool WaitUntil(delegate*<bool> ready, uint port, ulong deadline)
    {
        bool armed = false;
        while (true)
        {
            // Xen raises a new upcall only for a port whose pending bit and selector bit were clear.
            Interlocked.Exchange(ref *SharedInfo.PendingSelector, 0);
            TakePending(port);
            SingleShotTimer.TakeExpiry();
            if (ready())
                return true;
            if (deadline != ulong.MaxValue)
            {
                if (PvClock.SystemTime() >= deadline)
                    return false;
                if (!armed)
                {
                    SingleShotTimer.Arm(deadline);
                    armed = true;
                }
            }
            Instructions.WaitForInterrupt();
        }
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_xen_install_upcall")]
    private static extern void InstallUpcall(byte* upcallPending, int vector);
}
