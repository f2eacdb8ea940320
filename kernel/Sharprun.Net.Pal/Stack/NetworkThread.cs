using System.Threading;
using Sharprun.Kernel.Devices;

namespace Sharprun.Net.Pal.Stack;

/// <summary>
/// The one thread that drives the stack: receives frames, runs loopback and timers, then sleeps in the kernel
/// until a NIC interrupt, a kick from the stack (WakeRequested) or the next deadline Poll returned.
/// </summary>
internal static class NetworkThread
{
    public static void Start(NetworkStack stack)
    {
        NetworkEvents.Start();
        stack.WakeRequested = NetworkEvents.Kick;
        var thread = new Thread(() => Run(stack)) { IsBackground = true, Name = "net" };
        thread.Start();
    }

    private static void Run(NetworkStack stack)
    {
        while (true)
        {
            ulong deadline;
            lock (stack.Sync)
                deadline = stack.Poll();
            NetworkEvents.Wait(deadline);
        }
    }
}
