using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Cpu;

/// <summary>
/// A thread's saved CPU state: the context frame its stack holds while it does not run (layout in toolchain
/// LowLevel/Runtime/ContextStubs). New threads get a frame that "returns" into their entry function.
/// </summary>
internal static unsafe class ThreadContext
{
    private const int FrameSize = 688;
    private const int GeneralRegistersOffset = 512;
    private const int RdiSlot = 9;
    private const int IretOffset = 648;
    private const ushort DefaultFpuControl = 0x037F;
    private const uint DefaultMxcsr = 0x1F80;
    private const ulong InterruptsEnabledFlags = 0x202;
    private const ulong CodeSelector = 0x08;
    private const ulong DataSelector = 0x10;

    /// <summary>
    /// Builds, just below <paramref name="stackTop"/> (16-byte aligned), a frame that starts
    /// <paramref name="entry"/>(<paramref name="argument"/>) with interrupts enabled, as if called: the slot above
    /// its stack pointer holds a zero return address, which also ends stack walks there.
    /// </summary>
    public static nint Create(byte* stackTop, delegate* unmanaged<nint, void> entry, nint argument)
    {
        ulong top = (ulong)stackTop & ~15UL;
        ulong entryStackPointer = top - 8;
        *(ulong*)entryStackPointer = 0;
        // The iretq frame must end ≡ 8 mod 16 below an aligned address, like the CPU's own.
        ulong frame = (entryStackPointer - 8 - FrameSize) & ~15UL;
        new System.Span<byte>((void*)frame, FrameSize).Clear();
        *(ushort*)frame = DefaultFpuControl;
        *(uint*)(frame + 24) = DefaultMxcsr;
        ((ulong*)(frame + GeneralRegistersOffset))[RdiSlot] = (ulong)argument;
        ulong* iret = (ulong*)(frame + IretOffset);
        iret[0] = (ulong)entry;
        iret[1] = CodeSelector;
        iret[2] = InterruptsEnabledFlags;
        iret[3] = entryStackPointer;
        iret[4] = DataSelector;
        return (nint)frame;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_context_switch")]
    public static extern void Switch(nint* save, nint resume);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_set_fs_base")]
    public static extern void SetFsBase(nint value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_interrupts_disable")]
    public static extern bool DisableInterrupts();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_interrupts_enable")]
    public static extern void EnableInterrupts();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_wait_for_interrupt")]
    public static extern void WaitForInterrupt();
}
