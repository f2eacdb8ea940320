using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// Per-thread runtime state the contract asks for: thread-static storage and stack bounds. Each thread's copy
/// lives in its <see cref="KernelThread"/>; the collector treats every thread's as roots.
/// </summary>
internal static unsafe class ThreadServices
{
    /// <summary>Where the thread's inlined thread-static base (an object reference in its TLS block) lives.</summary>
    [RuntimeExport("RhRegisterInlinedThreadStaticRoot")]
    private static void RegisterInlinedThreadStaticRoot(void** root, nint module) => Scheduler.Current->InlinedThreadStaticRoot = root;

    /// <summary>Thread statics are roots: each thread's storage array and inlined base.</summary>
    public static void MarkThreadStatics()
    {
        for (KernelThread* thread = Scheduler.AllThreads; thread != null; thread = thread->AllNext)
        {
            Gc.Marker.Mark((byte*)thread->ThreadStaticStorage);
            if (thread->InlinedThreadStaticRoot != null)
                Gc.Marker.Mark((byte*)*thread->InlinedThreadStaticRoot);
        }
    }

    /// <summary>CoreLib's object[][] of thread-static bases for the current thread.</summary>
    [RuntimeExport("RhGetThreadStaticStorage")]
    private static nint* GetThreadStaticStorage() => &Scheduler.Current->ThreadStaticStorage;

    [RuntimeExport("RhGetCurrentThreadStackBounds")]
    private static void GetCurrentThreadStackBounds(nint* low, nint* high)
    {
        *low = (nint)Scheduler.Current->StackBottom;
        *high = (nint)Scheduler.Current->StackTop;
    }

    /// <summary>The stack size CoreLib asks for when a Thread is created without one.</summary>
    [RuntimeExport("RhGetDefaultStackSize")]
    private static nint GetDefaultStackSize() => (nint)ThreadStacks.DefaultStackSize;

    /// <summary>What new threads start in: CoreLib's ThreadEntryPoint, which the classlib table lists.</summary>
    [RuntimeExport("RhGetThreadEntryPointAddress")]
    private static void* GetThreadEntryPointAddress() => ModuleRegistry.GetClasslibFunction(ClasslibFunction.ThreadEntryPoint);

    /// <summary>Thread.Name stays in the managed Thread; the kernel shows threads by id only, so the native copy is not kept.</summary>
    [RuntimeExport("RhSetCurrentThreadName")]
    private static void SetCurrentThreadName(byte* utf8Name)
    {
    }

    [RuntimeExport("RhCurrentNativeThreadId")]
    private static nint CurrentNativeThreadId() => (nint)Scheduler.Current->Id;

    /// <summary>The runtime's per-thread object: here the kernel thread, which holds all of the thread's runtime state.</summary>
    [RuntimeExport("RhpGetCurrentThread")]
    private static KernelThread* GetCurrentThread() => Scheduler.Current;

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_stack_bottom")]
    internal static extern byte* BootStackBottom();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_stack_top")]
    internal static extern byte* BootStackTop();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_main_thread_tcb")]
    internal static extern nint* BootControlBlock();
}
