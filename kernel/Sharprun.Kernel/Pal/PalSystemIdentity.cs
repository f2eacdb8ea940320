using System;
using System.Runtime;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// What the system says it is (pal_runtimeinformation.h, gethostname): honestly Sharprun, not Linux. uname's sysname
/// is "Sharprun", its release the kernel's version, its machine x86_64; so <c>Environment.OSVersion</c> is
/// "Unix 1.0.0.0" and <c>RuntimeInformation.OSDescription</c> (there is no /etc/os-release) "Sharprun 1.0.0 ...".
/// <c>OperatingSystem.IsLinux()</c> stays true: ILC decides it at compile time for linux-x64, whose ABI the image
/// keeps. The host name is "sharprun".
/// </summary>
public static unsafe class PalSystemIdentity
{
    /// <summary>The toolchain's version (the kernel is built with it, from the same checkout).</summary>
    private static ReadOnlySpan<byte> Release => "1.0.0"u8;

    private static ReadOnlySpan<byte> SystemName => "Sharprun"u8;

    /// <summary>uname's version: what kind of build this is.</summary>
    private static ReadOnlySpan<byte> BuildDescription => "unikernel for .NET (x86_64)"u8;

    private static ReadOnlySpan<byte> HostName => "sharprun"u8;

    /// <summary>pal_runtimeinformation.h's ARCH_X64.</summary>
    private const int ArchitectureX64 = 1;

    [RuntimeExport("SystemNative_GetOSArchitecture")]
    public static int GetOSArchitecture() => ArchitectureX64;

    /// <summary>A heap copy of uname's release, which the caller frees; null (ENOMEM) when out of memory.</summary>
    [RuntimeExport("SystemNative_GetUnixRelease")]
    public static byte* GetUnixRelease()
    {
        ReadOnlySpan<byte> release = Release;
        byte* copy = (byte*)PalMemory.Malloc((nuint)release.Length + 1);
        if (copy != null)
            CString.CopyTerminated(release, copy, release.Length + 1);
        return copy;
    }

    /// <summary>
    /// "sysname release version" into <paramref name="version"/>; when it does not fit in *<paramref name="capacity"/>
    /// bytes, returns -1 with *<paramref name="capacity"/> set to the size needed, as the native PAL does.
    /// </summary>
    [RuntimeExport("SystemNative_GetUnixVersion")]
    public static int GetUnixVersion(byte* version, int* capacity)
    {
        if (capacity == null || version == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        int length = SystemName.Length + 1 + Release.Length + 1 + BuildDescription.Length;
        if (*capacity <= length)
        {
            *capacity = length + 1;
            return -1;
        }
        var text = new Span<byte>(version, length + 1);
        SystemName.CopyTo(text);
        text[SystemName.Length] = (byte)' ';
        Release.CopyTo(text[(SystemName.Length + 1)..]);
        text[SystemName.Length + 1 + Release.Length] = (byte)' ';
        BuildDescription.CopyTo(text[(length - BuildDescription.Length)..]);
        text[length] = 0;
        return 0;
    }

    /// <summary>gethostname(2): -1 with ENAMETOOLONG when the name and its NUL do not fit.</summary>
    [RuntimeExport("SystemNative_GetHostName")]
    public static int GetHostName(byte* name, int nameLength)
    {
        ReadOnlySpan<byte> host = HostName;
        if (name == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (nameLength <= host.Length)
            return PalErrors.Fail(LinuxErrno.ENAMETOOLONG);
        CString.CopyTerminated(host, name, nameLength);
        return 0;
    }
}
