using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>The host's real libSystem.Native (shipped with the host runtime): the reference the kernel's PAL must match.</summary>
internal static unsafe partial class HostSystemNative
{
    private const string Library = "libSystem.Native";

    [LibraryImport(Library, EntryPoint = "SystemNative_ConvertErrorPlatformToPal")]
    public static partial int ConvertErrorPlatformToPal(int platformErrno);

    [LibraryImport(Library, EntryPoint = "SystemNative_ConvertErrorPalToPlatform")]
    public static partial int ConvertErrorPalToPlatform(int error);

    [LibraryImport(Library, EntryPoint = "SystemNative_StrErrorR")]
    public static partial byte* StrErrorR(int platformErrno, byte* buffer, int bufferSize);

    [LibraryImport(Library, EntryPoint = "SystemNative_GetPlatformSignalNumber")]
    public static partial int GetPlatformSignalNumber(int signal);
}
