using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall;

/// <summary>
/// The part of the hypercall interface that is the same on every platform: interrupt masking, halting and thread
/// contexts are plain x86-64 in a bare-metal guest and in a Xen PVH guest alike (<see cref="ThreadContext"/>).
/// </summary>
public static unsafe partial class Hypercalls
{
    /// <summary>Clears the CPU's interrupt flag; returns whether interrupts were enabled before.</summary>
    public static bool DisableInterrupts() => ThreadContext.DisableInterrupts();

    /// <summary>Enables interrupts again when <paramref name="wereEnabled"/> (what <see cref="DisableInterrupts"/> returned).</summary>
    public static void RestoreInterrupts(bool wereEnabled)
    {
        if (wereEnabled)
            ThreadContext.EnableInterrupts();
    }

    /// <summary>
    /// Enables interrupts and halts until one arrives; returns, interrupts enabled, once it was handled (and the
    /// kernel switched back to this thread if it switched away). The idle thread's loop.
    /// </summary>
    public static void WaitForInterrupt() => ThreadContext.WaitForInterrupt();

    /// <summary>
    /// A context that starts <paramref name="entry"/>(<paramref name="argument"/>) on the stack below
    /// <paramref name="stackTop"/>, interrupts enabled. The thread's stack must not return from entry.
    /// </summary>
    public static nint CreateContext(byte* stackTop, delegate* unmanaged<nint, void> entry, nint argument) =>
        ThreadContext.Create(stackTop, entry, argument);

    /// <summary>
    /// Saves the running thread's context in <paramref name="save"/> and resumes <paramref name="resume"/>; returns
    /// when someone resumes the saved context. Interrupts must be disabled; they come back as they were.
    /// </summary>
    public static void SwitchContext(nint* save, nint resume) => ThreadContext.Switch(save, resume);

    /// <summary>Sets the thread pointer (FS base) thread-local storage is reached through.</summary>
    public static void SetThreadPointer(nint threadControlBlock) => ThreadContext.SetFsBase(threadControlBlock);
}
