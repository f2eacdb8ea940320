using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// dlopen and friends (pal_dynamicload.h). A unikernel is one statically linked image: there are no shared
/// libraries to load, so every load fails — the way glibc's dlopen fails for a file that is not there, so that
/// CoreLib's DllNotFoundException for a P/Invoke into a library the kernel lacks reads as it reads on a Linux
/// machine without that library.
/// </summary>
public static unsafe class PalDynamicLoading
{
    /// <summary>glibc's dlerror text after dlopen of a missing file, after the file name and ": ".</summary>
    private static ReadOnlySpan<byte> MissingFile => ": cannot open shared object file: No such file or directory"u8;

    // Per thread, like dlerror's; replaced by the next failed load of the thread. NativeMemory is the PAL's malloc
    // in an image and the C library's under the hosted tests.
    [ThreadStatic]
    private static byte* t_error;

    [RuntimeExport("SystemNative_LoadLibrary")]
    public static void* LoadLibrary(byte* filename)
    {
        if (filename != null)
        {
            RecordMissing(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(filename));
        }

        return null;
    }

    /// <summary>The reason of the thread's last failed load; for a load of the program itself (a null name), that there is no dynamic loading.</summary>
    [RuntimeExport("SystemNative_GetLoadLibraryError")]
    public static byte* GetLoadLibraryError() =>
        t_error != null
            ? t_error
            : (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(
                "dynamic loading is not supported: a Sharprun unikernel is one statically linked image with no shared libraries\0"u8));

    /// <summary>No library handle can exist, so no symbol can be found in one.</summary>
    [RuntimeExport("SystemNative_GetProcAddress")]
    public static void* GetProcAddress(void* handle, byte* symbol) => null;

    /// <summary>No library handle can exist, so there is nothing to free.</summary>
    [RuntimeExport("SystemNative_FreeLibrary")]
    public static void FreeLibrary(void* handle)
    {
    }

    private static void RecordMissing(ReadOnlySpan<byte> filename)
    {
        int length = filename.Length + MissingFile.Length;
        byte* text = (byte*)NativeMemory.Alloc((nuint)length + 1);

        filename.CopyTo(new Span<byte>(text, filename.Length));
        MissingFile.CopyTo(new Span<byte>(text + filename.Length, MissingFile.Length));
        text[length] = 0;
        NativeMemory.Free(t_error);
        t_error = text;
    }
}
