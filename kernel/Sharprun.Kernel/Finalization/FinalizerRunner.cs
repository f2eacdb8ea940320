using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Kernel.Gc;

namespace Sharprun.Kernel.Finalization;

/// <summary>
/// Runs finalizers of objects a collection found unreachable. There is no finalizer thread until the
/// scheduler exists, so they run on the program's thread: after the allocation that triggered the
/// collection, after GC.Collect, and in GC.WaitForPendingFinalizers. A finalizer that throws ends the
/// program with CoreLib's unhandled-exception report, as on the finalizer thread of .NET.
/// </summary>
internal static unsafe class FinalizerRunner
{
    /// <summary>RhFailFastReason.UnhandledException.</summary>
    private const int UnhandledExceptionReason = 2;

    private static bool s_running;

    public static void RunPending()
    {
        if (s_running)
            return;
        s_running = true;
        byte* next;
        while ((next = TakeNext()) != null)
            Run(next);
        s_running = false;
    }

    private static byte* TakeNext()
    {
        Threading.Preemption.Disable();
        byte* next = FinalizationQueue.TakeNext();
        Threading.Preemption.Enable();
        return next;
    }

    private static void Run(byte* address)
    {
        object target = Unsafe.AsRef<object>(&address);
        var finalizer = (delegate*<object, void>)HeapObject.TypeOf(address)->FinalizerCode;
        try
        {
            finalizer(target);
        }
        catch (System.Exception exception)
        {
            FailFast(UnhandledExceptionReason, exception, 0, 0);
        }
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("RuntimeFailFast")]
    private static extern void FailFast(int reason, System.Exception exception, nint exceptionAddress, nint exceptionContext);
}
