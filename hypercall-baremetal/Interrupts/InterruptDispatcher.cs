using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// Where every device interrupt lands (vectors 32–255): the entry stub has saved the interrupted thread's context
/// frame on its own stack and switched to the interrupt stack. The stubs call it through the address
/// <see cref="Initialize"/> gives them; the exported name is for stack traces and debuggers. The dispatcher runs the timer, the handler
/// registered for the ISA line or the one a message-signalled vector was allocated for, acknowledges the interrupt, and lets the kernel choose the frame to resume
/// (<c>sharprun_kernel_interrupt_exit</c>), which may be another thread's. Interrupts stay disabled throughout;
/// beneath the runtime: no allocation, no exceptions, no blocking.
/// </summary>
internal static unsafe class InterruptDispatcher
{
    private static IsaHandlers s_handlers;
    private static InterruptRouting s_routing;
    private static MessageHandlers s_messageHandlers;
    private static MessageArguments s_messageArguments;
    private static int s_messageVectorsUsed;

    /// <summary>Takes the routing and puts the device vectors' gates in the IDT, handing the stubs this dispatcher.</summary>
    public static void Initialize(in InterruptRouting routing)
    {
        s_routing = routing;
        InstallDeviceVectors(&Dispatch);
    }

    /// <summary>
    /// Routes ISA line <paramref name="line"/> to <paramref name="handler"/> and unmasks it. False when the line
    /// is out of range, already taken, or its interrupt does not reach the I/O APIC.
    /// </summary>
    public static bool Register(int line, delegate* unmanaged<void> handler) =>
        (uint)line < InterruptVectors.IsaLines && Register(line, handler, s_routing.Isa[line]);

    /// <summary>
    /// Like <see cref="Register"/> for a PCI function's INTx, which the firmware routed to ISA line
    /// <paramref name="line"/> (its configuration space's Interrupt Line): level-triggered, as PCI signals, with the
    /// polarity of the MADT's override when that made the line level-triggered (QEMU's say active high), else PCI's
    /// active low. The line may be shared by several functions: the one handler asks each of them.
    /// </summary>
    public static bool RegisterPciLine(int line, delegate* unmanaged<void> handler)
    {
        if ((uint)line >= InterruptVectors.IsaLines)
            return false;
        IsaRoute isa = s_routing.Isa[line];
        return Register(line, handler, new IsaRoute(isa.GlobalInterrupt, activeLow: !isa.LevelTriggered || isa.ActiveLow, levelTriggered: true));
    }

    private static bool Register(int line, delegate* unmanaged<void> handler, IsaRoute route)
    {
        if (handler == null)
            return false;
        bool enabled = ThreadContext.DisableInterrupts();
        bool registered = s_handlers[line] == 0;
        if (registered)
        {
            s_handlers[line] = (nint)handler;
            registered = IoApic.Route(route, InterruptVectors.IsaBase + line, LocalApic.Id);
            if (!registered)
                s_handlers[line] = 0;
        }
        if (enabled)
            ThreadContext.EnableInterrupts();
        return registered;
    }

    /// <summary>
    /// A vector of its own for a message-signalled interrupt: it runs <paramref name="handler"/>(<paramref name="argument"/>)
    /// on the interrupt stack, interrupts disabled, then acknowledges. The device is told the vector and
    /// <see cref="LocalApic.Id"/> as its destination. -1 when all <see cref="InterruptVectors.MessageVectors"/> are taken.
    /// </summary>
    public static int AllocateMessageVector(delegate*<int, void> handler, int argument)
    {
        if (handler == null)
            return -1;
        bool enabled = ThreadContext.DisableInterrupts();
        int vector = -1;
        if (s_messageVectorsUsed < InterruptVectors.MessageVectors)
        {
            int index = s_messageVectorsUsed++;
            s_messageArguments[index] = argument;
            s_messageHandlers[index] = (nint)handler;
            vector = InterruptVectors.MessageBase + index;
        }
        if (enabled)
            ThreadContext.EnableInterrupts();
        return vector;
    }

    [RuntimeExport("sharprun_interrupt_dispatch")]
    private static nint Dispatch(nint frame)
    {
        int vector = (int)*(ulong*)(frame + InterruptVectors.FrameVectorOffset);
        if (vector == InterruptVectors.Timer)
        {
            DeadlineTimer.OnInterrupt();
            LocalApic.EndOfInterrupt();
        }
        else if (vector >= InterruptVectors.IsaBase && vector < InterruptVectors.IsaBase + InterruptVectors.IsaLines)
        {
            // The handler runs before the acknowledgement: a level-triggered line it has quietened is not re-sent.
            nint handler = s_handlers[vector - InterruptVectors.IsaBase];
            if (handler != 0)
                ((delegate* unmanaged<void>)handler)();
            LocalApic.EndOfInterrupt();
        }
        else if (vector >= InterruptVectors.MessageBase && vector < InterruptVectors.MessageBase + InterruptVectors.MessageVectors)
        {
            int index = vector - InterruptVectors.MessageBase;
            nint handler = s_messageHandlers[index];
            if (handler != 0)
                ((delegate*<int, void>)handler)(s_messageArguments[index]);
            LocalApic.EndOfInterrupt();
        }
        else if (vector >= InterruptVectors.IsaBase + InterruptVectors.IsaLines && vector != InterruptVectors.Spurious)
        {
            // Nothing programs these vectors; acknowledging one keeps it from blocking lower priorities.
            LocalApic.EndOfInterrupt();
        }
        // The spurious vector and the masked 8259s' vectors leave nothing to acknowledge at the local APIC.
        return KernelInterruptExit(frame);
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_idt_install_devices")]
    private static extern void InstallDeviceVectors(delegate*<nint, nint> dispatcher);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_kernel_interrupt_exit")]
    private static extern nint KernelInterruptExit(nint frame);

    [InlineArray(InterruptVectors.IsaLines)]
    private struct IsaHandlers
    {
        private nint _first;
    }

    [InlineArray(InterruptVectors.MessageVectors)]
    private struct MessageHandlers
    {
        private nint _first;
    }

    [InlineArray(InterruptVectors.MessageVectors)]
    private struct MessageArguments
    {
        private int _first;
    }
}
