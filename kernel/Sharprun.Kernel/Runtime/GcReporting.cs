using System.Runtime;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// Explicitly reported GC slots (CoreLib's GCFrameRegistration: reflection invoke with many arguments keeps its
/// argument copies and byrefs in a stackalloc'd buffer it registers). The collector already scans every word of
/// every thread's stack conservatively, interior pointers included, and never moves an object, so a registration on
/// the registering thread's own stack needs nothing more. One anywhere else would be a root the collector cannot
/// see: that stops the guest rather than freeing live objects.
/// </summary>
internal static unsafe class GcReporting
{
    [RuntimeExport("RhRegisterForGCReporting")]
    private static void Register(void* registration) => RequireOnCurrentStack(registration);

    [RuntimeExport("RhUnregisterForGCReporting")]
    private static void Unregister(void* registration) => RequireOnCurrentStack(registration);

    /// <summary>The registration and the slots it names (GCFrameRegistration: two reserved words, then the slots' address).</summary>
    private static void RequireOnCurrentStack(void* registration)
    {
        KernelThread* thread = Scheduler.Current;
        byte* slots = *(byte**)((byte*)registration + 2 * sizeof(nint));
        if (!IsOnStack(thread, (byte*)registration) || !IsOnStack(thread, slots))
            Panic.Fail("not supported: GC reporting of slots outside the reporting thread's stack (RhRegisterForGCReporting)");
    }

    private static bool IsOnStack(KernelThread* thread, byte* address) => address >= thread->StackBottom && address < thread->StackTop;
}
