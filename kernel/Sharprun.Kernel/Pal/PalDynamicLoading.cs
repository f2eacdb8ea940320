using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// dlopen and friends (pal_dynamicload.h). A unikernel is one statically linked image: there are no shared
/// libraries to load, so every load fails with an explanation CoreLib puts into DllNotFoundException.
/// </summary>
public static unsafe class PalDynamicLoading
{
    [RuntimeExport("SystemNative_LoadLibrary")]
    public static void* LoadLibrary(byte* filename) => null;

    [RuntimeExport("SystemNative_GetLoadLibraryError")]
    public static byte* GetLoadLibraryError() =>
        (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(
            "dynamic loading is not supported: a Sharprun unikernel is one statically linked image with no shared libraries\0"u8));

    /// <summary>No library handle can exist, so no symbol can be found in one.</summary>
    [RuntimeExport("SystemNative_GetProcAddress")]
    public static void* GetProcAddress(void* handle, byte* symbol) => null;

    /// <summary>No library handle can exist, so there is nothing to free.</summary>
    [RuntimeExport("SystemNative_FreeLibrary")]
    public static void FreeLibrary(void* handle)
    {
    }
}
