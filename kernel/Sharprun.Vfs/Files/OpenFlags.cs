namespace Sharprun.Vfs.Files;

/// <summary>open(2) flags with Linux's values (octal in the comments), and the constants of lseek, access and flock.</summary>
public static class OpenFlags
{
    public const int ReadOnly = 0;
    public const int WriteOnly = 1;
    public const int ReadWrite = 2;
    public const int AccessModeMask = 3;

    /// <summary>O_CREAT, 0100.</summary>
    public const int Create = 0x40;

    /// <summary>O_EXCL, 0200.</summary>
    public const int Exclusive = 0x80;

    /// <summary>O_TRUNC, 01000.</summary>
    public const int Truncate = 0x200;

    /// <summary>O_APPEND, 02000.</summary>
    public const int Append = 0x400;

    /// <summary>O_NONBLOCK, 04000: kept, meaningless for files.</summary>
    public const int NonBlocking = 0x800;

    /// <summary>O_DIRECTORY, 0200000.</summary>
    public const int Directory = 0x10000;

    /// <summary>O_NOFOLLOW, 0400000.</summary>
    public const int NoFollow = 0x20000;

    /// <summary>O_CLOEXEC, 02000000: the descriptor table's business, ignored here.</summary>
    public const int CloseOnExec = 0x80000;

    public const int SeekSet = 0;
    public const int SeekCurrent = 1;
    public const int SeekEnd = 2;

    public const int AccessExists = 0;
    public const int AccessExecute = 1;
    public const int AccessWrite = 2;
    public const int AccessRead = 4;

    public const int LockShared = 1;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int LockUnlock = 8;
}
