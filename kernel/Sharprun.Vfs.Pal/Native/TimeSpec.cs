namespace Sharprun.Vfs.Pal.Native;

/// <summary>pal_io.h TimeSpec (struct timespec on x86-64): what UTimensat and FUTimens take, access time first.</summary>
public struct TimeSpec
{
    /// <summary>tv_nsec values that mean "now" and "leave it alone", as utimensat(2) defines them.</summary>
    public const long Now = (1L << 30) - 1;
    public const long Omit = (1L << 30) - 2;

    public long Seconds;
    public long Nanoseconds;
}
