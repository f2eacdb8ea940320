using System;
using System.Runtime;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The process as libSystem.Native describes it (pal_threading.h exit calls, pal_uid.h, pal_io.h SysConf,
/// GetProcessPath). The guest is one process run by root, its executable is /app/&lt;assembly name&gt; (<see cref="Startup.ProgramPath"/>).
/// </summary>
public static unsafe class PalProcess
{
    /// <summary>Exit code a .NET process shows on Linux after SIGABRT (128 + 6).</summary>
    public const int AbortExitCode = 134;

    private const int SysConfClockTicks = 1;
    private const int SysConfPageSize = 2;

    /// <summary>Linux's USER_HZ, the unit CoreLib expects for clock ticks.</summary>
    private const long ClockTicksPerSecond = 100;

    private const uint RootUserId = 0;
    private const uint RootGroupId = 0;

    [RuntimeExport("SystemNative_Exit")]
    public static void Exit(int exitCode) => ProcessEnd.Exit(exitCode);

    [RuntimeExport("SystemNative_Abort")]
    public static void Abort()
    {
        KernelLog.Write("SystemNative_Abort: the application aborted (as by SIGABRT), exit code 134\n");
        ProcessEnd.Exit(AbortExitCode);
    }

    /// <summary>The guest is the only process, so it is process 1 (as the first process of any system is).</summary>
    [RuntimeExport("SystemNative_GetPid")]
    public static int GetPid() => 1;

    [RuntimeExport("SystemNative_GetEUid")]
    public static uint GetEUid() => RootUserId;

    /// <summary>Root's group, the only one.</summary>
    [RuntimeExport("SystemNative_GetEGid")]
    public static uint GetEGid() => RootGroupId;

    /// <summary>getgroups(2): the supplementary groups are root's group alone; returns how many there are.</summary>
    [RuntimeExport("SystemNative_GetGroups")]
    public static int GetGroups(int capacity, uint* groups)
    {
        if (capacity == 0)
            return 1;
        if (capacity < 0 || groups == null)
            return PalErrors.Fail(capacity < 0 ? LinuxErrno.EINVAL : LinuxErrno.EFAULT);
        groups[0] = RootGroupId;
        return 1;
    }

    /// <summary>
    /// The user database has one entry, root. Returns 0 with <paramref name="pwd"/> filled (its strings in
    /// <paramref name="buf"/>), -1 when there is no such user, or a platform errno (ERANGE: buffer too small).
    /// </summary>
    [RuntimeExport("SystemNative_GetPwUidR")]
    public static int GetPwUidR(uint uid, PasswordEntry* pwd, byte* buf, int bufLen)
    {
        if (pwd == null || bufLen < 0 || (buf == null && bufLen > 0))
        {
            return (int)LinuxErrno.EINVAL;
        }

        if (uid != RootUserId)
        {
            return -1;
        }

        byte* next = buf;
        byte* end = buf + bufLen;
        PasswordEntry entry = default;
        if (!Pack("root"u8, ref next, end, out entry.Name)
            || !Pack("x"u8, ref next, end, out entry.Password)
            || !Pack("root"u8, ref next, end, out entry.UserInfo)
            || !Pack("/"u8, ref next, end, out entry.HomeDirectory)
            || !Pack(""u8, ref next, end, out entry.Shell))
        {
            return (int)LinuxErrno.ERANGE;
        }

        entry.UserId = RootUserId;
        entry.GroupId = RootUserId;
        *pwd = entry;
        return 0;
    }

    /// <summary>A heap copy of the executable's path, which the caller frees with SystemNative_Free; null (ENOMEM) when out of memory.</summary>
    [RuntimeExport("SystemNative_GetProcessPath")]
    public static byte* GetProcessPath()
    {
        ReadOnlySpan<byte> path = Startup.ProgramPath.Bytes;
        byte* copy = (byte*)PalMemory.Malloc((nuint)path.Length + 1);
        if (copy != null)
        {
            CString.CopyTerminated(path, copy, path.Length + 1);
        }

        return copy;
    }

    [RuntimeExport("SystemNative_SysConf")]
    public static long SysConf(int name) => name switch
    {
        SysConfClockTicks => ClockTicksPerSecond,
        SysConfPageSize => (long)PageMemory.PageSize,
        _ => PalErrors.Fail(LinuxErrno.EINVAL),
    };

    // Places text and its NUL at next, advancing next; false when it does not fit before end.
    private static bool Pack(ReadOnlySpan<byte> text, ref byte* next, byte* end, out byte* placed)
    {
        placed = null;
        if (end - next <= text.Length)
        {
            return false;
        }

        placed = next;
        CString.CopyTerminated(text, next, text.Length + 1);
        next += text.Length + 1;
        return true;
    }
}
