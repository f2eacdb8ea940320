using System.Numerics;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading;
using Sharprun.Hypercall.Console;
using Sharprun.Hypercall.Devices;
using Sharprun.Hypercall.Xenstore;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// The event channel upcall: Xen injects <see cref="Vector"/> while vcpu_info.evtchn_upcall_pending is set and
/// interrupts are enabled. Its entry is the device-vector stub both platforms share (toolchain
/// LowLevel/Baremetal/InterruptStubs): it saves the interrupted thread's context frame on that thread's stack,
/// moves to the interrupt stack and calls <see cref="Dispatch"/>, which takes every pending, unmasked port (2-level
/// ABI: the vCPU's selector word, then the shared pending bitmap), runs what each needs — the kernel's timer, or
/// the handler a driver registered for the port — and ends with the kernel's interrupt-exit hook, whose returned
/// context the stub resumes. The console and xenstore ports need nothing here: their users look at the rings, and
/// console input reaches the kernel through the exit hook that every upcall runs. Interrupts are disabled
/// throughout; nothing here allocates or blocks.
/// </summary>
internal static unsafe class Upcall
{
    public const int Vector = 0xF3;

    /// <summary>HVM_PARAM_CALLBACK_IRQ delivery type 2: a vector, in bits 63:56.</summary>
    private const ulong VectorDelivery = 2UL << 56;

    private static HandlerTable s_handlers;

    /// <summary>
    /// Fills the IDT's device gates with the shared stubs, this dispatcher behind them, and routes event channel
    /// upcalls to <see cref="Vector"/>; false when Xen refuses. Interrupts stay disabled.
    /// </summary>
    public static bool Enable()
    {
        InstallDeviceVectors(&Dispatch);
        return HvmParameters.Set(HvmParameters.CallbackIrq, VectorDelivery | Vector) == 0;
    }

    /// <summary>
    /// Makes <paramref name="handler"/> run on every notification of <paramref name="port"/> and unmasks the
    /// port; false when the port is out of range, already has a handler or is one the platform uses itself.
    /// </summary>
    public static bool Register(int port, delegate* unmanaged<void> handler)
    {
        if (port <= 0 || (uint)port >= EventChannels.MaxPorts || handler == null || s_handlers[port] != 0)
            return false;
        if ((uint)port == SingleShotTimer.Port || (uint)port == XenConsole.InputPort || (uint)port == XenstoreRing.Port)
            return false;
        s_handlers[port] = (nint)handler;
        EventChannels.Unmask((uint)port);
        return true;
    }

    /// <summary>
    /// Runs for any device vector, though only <see cref="Vector"/> is ever raised: checking the event bitmaps for
    /// another would merely find nothing to do.
    /// </summary>
    [RuntimeExport("sharprun_xen_upcall_dispatch")]
    private static nint Dispatch(nint context)
    {
        byte* upcallPending = SharedInfo.UpcallPending;
        ulong* pending = SharedInfo.EventPending;
        ulong* masked = SharedInfo.EventMask;
        do
        {
            // Cleared before the scan: an event from here on raises the flag again and is caught by the loop.
            Volatile.Write(ref *upcallPending, 0);
            ulong words = Interlocked.Exchange(ref *SharedInfo.PendingSelector, 0);
            while (words != 0)
            {
                int word = BitOperations.TrailingZeroCount(words);
                words &= words - 1;
                ulong ports = Volatile.Read(ref pending[word]) & ~Volatile.Read(ref masked[word]);
                while (ports != 0)
                {
                    int bit = BitOperations.TrailingZeroCount(ports);
                    ports &= ports - 1;
                    Interlocked.And(ref pending[word], ~(1UL << bit));
                    Handle((uint)(word * 64 + bit));
                }
            }
        }
        while (Volatile.Read(ref *upcallPending) != 0);
        return InterruptExit(context);
    }

    private static void Handle(uint port)
    {
        if (port == SingleShotTimer.Port)
        {
            DeadlineTimer.OnExpiry();
            return;
        }
        nint handler = s_handlers[(int)port];
        if (handler != 0)
            ((delegate* unmanaged<void>)handler)();
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_idt_install_devices")]
    private static extern void InstallDeviceVectors(delegate*<nint, nint> dispatcher);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_kernel_interrupt_exit")]
    private static extern nint InterruptExit(nint context);

    [InlineArray((int)EventChannels.MaxPorts)]
    private struct HandlerTable
    {
        private nint _first;
    }
}
