using System;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// Where a framework import the kernel does not provide ends up: the build binds each such entry point to a stub
/// that passes a message naming the framework area and the entry point (toolchain LowLevel/UnavailableImportStubs),
/// and the P/Invoke throws, as the framework does on a platform that lacks a feature.
/// Throwing here is sound only because the P/Invoke transition records nothing: RhpPInvoke and RhpPInvokeReturn
/// are empty (LowLevel/Runtime/RuntimeHelperStubs), so the unwind past the P/Invoke site leaves no transition frame
/// or preemptive mode behind. If they ever record one, this must undo it before throwing.
/// </summary>
public static unsafe class UnavailableImports
{
    [RuntimeExport("sharprun_throw_unavailable")]
    public static void ThrowUnavailable(byte* utf8Message) =>
        throw new PlatformNotSupportedException(Marshal.PtrToStringUTF8((nint)utf8Message));
}
