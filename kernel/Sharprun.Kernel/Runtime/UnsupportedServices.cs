using System.Runtime;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// Contract entries for features Sharprun does not support yet. Each stops the guest with a report
/// naming the feature rather than pretending to work.
/// </summary>
internal static unsafe class UnsupportedServices
{
    /// <summary>Thunks back delegates marshalled to native code; there is no native code to call them.</summary>
    [RuntimeExport("RhAllocateThunksMapping")]
    private static nint AllocateThunksMapping()
    {
        Panic.Fail("not supported: reverse P/Invoke thunks (delegates marshalled to native code)");
        return 0;
    }

    [RuntimeExport("RhpGetNumThunkBlocksPerMapping")]
    private static int GetNumThunkBlocksPerMapping() => 0;

    [RuntimeExport("RhpGetNumThunksPerBlock")]
    private static int GetNumThunksPerBlock() => 0;

    [RuntimeExport("RhpGetThunkBlockSize")]
    private static int GetThunkBlockSize() => 0;

    [RuntimeExport("RhpGetThunkSize")]
    private static int GetThunkSize() => 0;

    [RuntimeExport("RhpGetThunkDataBlockAddress")]
    private static nint GetThunkDataBlockAddress(nint stub) => 0;

    [RuntimeExport("RhpGetThunkStubsBlockAddress")]
    private static nint GetThunkStubsBlockAddress(nint data) => 0;

    [RuntimeExport("RhGetCommonStubAddress")]
    private static nint GetCommonStubAddress() => 0;

    /// <summary>No thunk can exist (see above), so no code runs on behalf of one.</summary>
    [RuntimeExport("RhGetCurrentThunkContext")]
    private static nint GetCurrentThunkContext() => 0;

    /// <summary>COM-style wrappers (ComWrappers): their IUnknown implementation is native code of the runtime.</summary>
    [RuntimeExport("RhIUnknown_AddRef")]
    private static uint IUnknownAddRef(nint wrapper)
    {
        Panic.Fail("not supported: ComWrappers (COM-style native wrappers of managed objects)");
        return 0;
    }

    [RuntimeExport("RhUntracked_AddRefRelease")]
    private static uint UntrackedAddRefRelease(nint wrapper)
    {
        Panic.Fail("not supported: ComWrappers (COM-style native wrappers of managed objects)");
        return 0;
    }

    /// <summary>Refused: CoreLib then reports that ComWrappers' reference tracking cannot be set up.</summary>
    [RuntimeExport("RhRegisterRefCountedHandleCallback")]
    private static bool RegisterRefCountedHandleCallback(nint callback, MethodTable* typeFilter) => false;

    [RuntimeExport("RhUnregisterRefCountedHandleCallback")]
    private static void UnregisterRefCountedHandleCallback(nint callback, MethodTable* typeFilter)
    {
    }

    /// <summary>Refused: the reference-tracker callouts of ComWrappers need the collector to call out mid-collection.</summary>
    [RuntimeExport("RhRegisterGcCallout")]
    private static bool RegisterGcCallout(int kind, nint callout) => false;

    [RuntimeExport("RhUnregisterGcCallout")]
    private static void UnregisterGcCallout(int kind, nint callout)
    {
    }

    /// <summary>The GC bridge (cross-references with a Java heap on Android) does not exist here.</summary>
    [RuntimeExport("RhIsGCBridgeActive")]
    private static bool IsGcBridgeActive() => false;

    [RuntimeExport("RhpHandleAllocCrossReference")]
    private static nint HandleAllocCrossReference(void* value, nint context)
    {
        Panic.Fail("not supported: GC bridge cross-reference handles (Android's Java interop)");
        return 0;
    }

    [RuntimeExport("RhHandleTryGetCrossReferenceContext")]
    private static bool HandleTryGetCrossReferenceContext(nint handle, nint* context)
    {
        *context = 0;
        return false;
    }

    /// <summary>Thread abort does not exist in .NET Core; nothing in CoreLib starts one.</summary>
    [RuntimeExport("RhpInitiateThreadAbort")]
    private static void InitiateThreadAbort(nint thread, void* exception, bool rude) =>
        Panic.Fail("not supported: thread abort (RhpInitiateThreadAbort)");

    [RuntimeExport("RhpCancelThreadAbort")]
    private static void CancelThreadAbort(nint thread)
    {
    }
}
