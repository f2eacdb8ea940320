using System.Runtime;
using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// Where every new thread begins: it runs the entry point it was created with (CoreLib's ThreadEntryPoint for a
/// System.Threading.Thread), then CoreLib's thread-exit callback (which signals Join), then exits.
/// </summary>
internal static unsafe class ThreadEntry
{
    private static delegate* unmanaged<void> s_exitCallback;

    [RuntimeExport("RhSetThreadExitCallback")]
    private static void SetExitCallback(delegate* unmanaged<void> callback) => s_exitCallback = callback;

    [UnmanagedCallersOnly]
    public static void Start(nint threadAddress)
    {
        var thread = (KernelThread*)threadAddress;
        thread->Entry(thread->Argument);
        if (s_exitCallback != null)
            s_exitCallback();
        Scheduler.ExitCurrent();
    }
}
