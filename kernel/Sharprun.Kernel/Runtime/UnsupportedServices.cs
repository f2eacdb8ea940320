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
}
