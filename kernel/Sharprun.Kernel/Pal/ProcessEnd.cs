using System;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// What runs when the application ends, however it ends (Main returns, Environment.Exit, an abort): kernel
/// libraries register the work a Linux kernel would still do after its process died — the file PAL writes its
/// disks' dirty blocks back and leaves their file systems clean. Runs once; a handler that fails is logged and the
/// exit goes on.
/// </summary>
public static class ProcessEnd
{
    private static Action? s_handlers;
    private static bool s_ran;

    public static void Register(Action handler) => s_handlers += handler;

    /// <summary>Runs the handlers, then powers the machine off with <paramref name="exitCode"/>.</summary>
    public static void Exit(int exitCode)
    {
        RunHandlers();
        Hypercalls.Exit(exitCode);
    }

    private static void RunHandlers()
    {
        if (s_ran)
            return;
        s_ran = true;
        try
        {
            s_handlers?.Invoke();
        }
        catch (Exception e)
        {
            KernelLog.Write("sharprun: work at the application's end failed: ");
            KernelLog.Write(e.Message);
            KernelLog.Write("\n");
        }
    }
}
