using Sharprun.Vfs.Pal.Files;

namespace Sharprun.Vfs.Pal.Native;

/// <summary>The two timespecs of utimensat and futimens as the VFS takes them: nanoseconds, null for "leave alone".</summary>
internal static unsafe class FileTimes
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>False (EINVAL) for a nanosecond field out of range that is neither UTIME_NOW nor UTIME_OMIT.</summary>
    public static bool TryRead(TimeSpec* times, out long? access, out long? modify)
    {
        long now = KernelFileSystem.Clock.NowNanoseconds;
        if (times == null)
        {
            access = modify = now;
            return true;
        }

        bool valid = TryReadOne(times[0], now, out access);
        return TryReadOne(times[1], now, out modify) && valid;
    }

    private static bool TryReadOne(TimeSpec time, long now, out long? nanoseconds)
    {
        nanoseconds = time.Nanoseconds switch
        {
            TimeSpec.Omit => null,
            TimeSpec.Now => now,
            _ => time.Seconds * NanosecondsPerSecond + time.Nanoseconds,
        };
        return time.Nanoseconds is TimeSpec.Omit or TimeSpec.Now or (>= 0 and < NanosecondsPerSecond);
    }
}
