namespace Sharprun.Vfs;

/// <summary>
/// What a file-system operation reports, named for what went wrong and numbered as Linux's errno, so that the file
/// PAL passes it through and the BCL raises the same exceptions as on Linux.
/// </summary>
public enum FsError
{
    Success = 0,
    NotPermitted = 1,
    NotFound = 2,
    IoError = 5,
    BadDescriptor = 9,
    WouldBlock = 11,
    OutOfMemory = 12,
    AccessDenied = 13,
    Busy = 16,
    Exists = 17,
    CrossDevice = 18,
    NotADirectory = 20,
    IsADirectory = 21,
    InvalidArgument = 22,
    TooManyOpenFiles = 24,
    FileTooLarge = 27,
    NoSpace = 28,
    IllegalSeek = 29,
    ReadOnly = 30,
    TooManyLinks = 31,
    NameTooLong = 36,
    NoLocks = 37,
    NotImplemented = 38,
    NotEmpty = 39,
    Loop = 40,
    NoData = 61,
    Overflow = 75,
    NotSupported = 95,

    /// <summary>EUCLEAN: the file system's structures are damaged (what Linux's ext4 reports as "Structure needs cleaning").</summary>
    Corrupted = 117,
}
