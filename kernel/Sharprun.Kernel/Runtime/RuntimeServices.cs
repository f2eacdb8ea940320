using System.Runtime;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Runtime;

/// <summary>Small runtime-contract services: version, knobs, CPU count, time, spinning, fail-fast.</summary>
internal static unsafe class RuntimeServices
{
    [RuntimeExport("RhGetRuntimeVersion")]
    private static byte* GetRuntimeVersion(int* length)
    {
        *length = 0;
        return null;
    }

    /// <summary>No runtime configuration knobs are baked into images yet.</summary>
    [RuntimeExport("RhGetKnobValues")]
    private static uint GetKnobValues(byte*** keys, byte*** values)
    {
        *keys = null;
        *values = null;
        return 0;
    }

    [RuntimeExport("RhGetProcessCpuCount")]
    private static int GetProcessCpuCount() => 1;

    [RuntimeExport("RhCurrentOSThreadId")]
    private static ulong CurrentOsThreadId() => Threading.Scheduler.Current->Id;

    [RuntimeExport("RhpGetTickCount64")]
    private static ulong GetTickCount64() => Hypercalls.MonotonicNanoseconds() / 1_000_000;

    [RuntimeExport("RhSpinWait")]
    private static void SpinWait(int iterations)
    {
        // Not Thread.SpinWait: that is what calls here.
        int sink = 0;
        for (int i = 0; i < iterations; i++)
            System.Threading.Volatile.Write(ref sink, i);
    }

    /// <summary>Non-zero when another thread ran before this one resumed.</summary>
    [RuntimeExport("RhYield")]
    private static int Yield() => Threading.Scheduler.Yield() ? 1 : 0;

    [RuntimeExport("RhGetCrashInfoBuffer")]
    private static byte* GetCrashInfoBuffer(int* maxSize)
    {
        *maxSize = 0;
        return null;
    }

    [RuntimeExport("RhCreateCrashDumpIfEnabled")]
    private static void CreateCrashDumpIfEnabled(nint exceptionRecord, nint contextRecord)
    {
    }

    [RuntimeExport("RhpFallbackFailFast")]
    private static void FallbackFailFast() => Panic.Fail("the runtime failed fast (RhpFallbackFailFast)");

    /// <summary>Interlocked.MemoryBarrierProcessWide: one CPU, so a full fence on it is a fence for the whole process.</summary>
    [RuntimeExport("RhFlushProcessWriteBuffers")]
    private static void FlushProcessWriteBuffers() => System.Threading.Interlocked.MemoryBarrier();

    /// <summary>Debugger.IsAttached's native half: a guest has no native debugger attached through the runtime (gdb on QEMU's stub is invisible to it).</summary>
    [RuntimeExport("DebugDebugger_IsNativeDebuggerAttached")]
    private static int IsNativeDebuggerAttached() => 0;
}
