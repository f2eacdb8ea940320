namespace Sharprun.Vfs.Locks;

/// <summary>
/// A locked byte range [<see cref="Start"/>, <see cref="End"/>) held by <see cref="Owner"/>; <see cref="End"/> is
/// <see cref="long.MaxValue"/> for a lock to the end of the file (l_len 0), whatever the file's size.
/// </summary>
public readonly record struct RegionLock(RegionLockType Type, long Start, long End, object? Owner)
{
    /// <summary>l_len as F_GETLK reports it: 0 for "to the end".</summary>
    public long Length => End == long.MaxValue ? 0 : End - Start;

    public bool Overlaps(long start, long end) => Start < end && start < End;

    /// <summary>The range from fcntl's start and length (negative: the bytes before start; 0: to the end).</summary>
    public static FsError FromStartAndLength(long start, long length, out long rangeStart, out long rangeEnd)
    {
        rangeStart = start;
        rangeEnd = long.MaxValue;
        if (length < 0)
        {
            rangeEnd = start;
            rangeStart = start + length;
        }
        else if (length > 0)
        {
            if (start > long.MaxValue - length)
                return FsError.Overflow;
            rangeEnd = start + length;
        }
        return rangeStart < 0 ? FsError.InvalidArgument : FsError.Success;
    }
}
