using System.Runtime;

namespace Sharprun.NativeRuntime;

/// <summary>
/// C's exit: the program ends with <paramref name="status"/>, like Environment.Exit (Brotli's encoder calls it when
/// an allocation fails). There are no atexit handlers or stdio buffers to run or flush.
/// </summary>
public static class ProcessExit
{
    [RuntimeExport("exit")]
    public static void Exit(int status) => Sharprun.Kernel.Pal.PalProcess.Exit(status);
}
