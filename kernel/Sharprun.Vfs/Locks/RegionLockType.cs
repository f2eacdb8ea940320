namespace Sharprun.Vfs.Locks;

/// <summary>A POSIX record lock's l_type, with Linux's values (F_RDLCK, F_WRLCK, F_UNLCK).</summary>
public enum RegionLockType
{
    Read = 0,
    Write = 1,
    Unlock = 2,
}
