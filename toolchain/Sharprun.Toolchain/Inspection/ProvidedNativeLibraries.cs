using System;
using System.Collections.Generic;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The native libraries the kernel implements, and so the only ones an application may P/Invoke into.
/// The kernel's PAL provides <c>libSystem.Native</c> (the SystemNative_* functions); ILC binds calls into these
/// directly (<c>--directpinvoke</c>) instead of resolving them at run time.
/// </summary>
public static class ProvidedNativeLibraries
{
    public static readonly IReadOnlyList<string> Names = ["libSystem.Native"];

    /// <summary>
    /// True when a DllImport library name denotes a provided library. The runtime's probing would also accept the
    /// name with a platform suffix (<c>libSystem.Native.so</c>) or without the <c>lib</c> prefix.
    /// </summary>
    public static bool Provides(string library)
    {
        string name = library.EndsWith(".so", StringComparison.Ordinal) ? library[..^3] : library;
        foreach (var provided in Names)
        {
            if (name == provided || "lib" + name == provided)
                return true;
        }
        return false;
    }
}
