using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// Per-thread runtime state. There is one thread (the boot thread) until the scheduler exists,
/// so each piece of state is a single slot; the collector treats these slots as roots.
/// </summary>
internal static unsafe class ThreadServices
{
    /// <summary>CoreLib's object[][] of thread-static bases for the current thread.</summary>
    private static nint s_threadStaticStorage;

    /// <summary>Where the thread's inlined thread-static base (an object reference in its TLS block) lives.</summary>
    private static void** s_inlinedThreadStaticRoot;

    [RuntimeExport("RhRegisterInlinedThreadStaticRoot")]
    private static void RegisterInlinedThreadStaticRoot(void** root, nint module) => s_inlinedThreadStaticRoot = root;

    /// <summary>Thread statics are roots: the storage array and the inlined base.</summary>
    public static void MarkThreadStatics()
    {
        Gc.Marker.Mark((byte*)s_threadStaticStorage);
        if (s_inlinedThreadStaticRoot != null)
            Gc.Marker.Mark((byte*)*s_inlinedThreadStaticRoot);
    }

    [RuntimeExport("RhGetThreadStaticStorage")]
    private static nint* GetThreadStaticStorage() => (nint*)Unsafe.AsPointer(ref s_threadStaticStorage);

    [RuntimeExport("RhGetCurrentThreadStackBounds")]
    private static void GetCurrentThreadStackBounds(nint* low, nint* high)
    {
        *low = (nint)BootStackBottom();
        *high = (nint)BootStackTop();
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_stack_bottom")]
    internal static extern byte* BootStackBottom();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_stack_top")]
    internal static extern byte* BootStackTop();
}
