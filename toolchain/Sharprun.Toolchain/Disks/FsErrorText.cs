using Sharprun.Vfs;

namespace Sharprun.Toolchain.Disks;

/// <summary>What an <see cref="FsError"/> means, in the words of Linux's strerror, for the disk commands' messages.</summary>
internal static class FsErrorText
{
    public static string Describe(FsError error) => error switch
    {
        FsError.NotFound => "no such file or directory",
        FsError.NotADirectory => "not a directory",
        FsError.IsADirectory => "is a directory",
        FsError.Exists => "file exists",
        FsError.NoSpace => "no space left on the image",
        FsError.ReadOnly => "read-only file system",
        FsError.NameTooLong => "file name too long",
        FsError.NotEmpty => "directory not empty",
        FsError.Loop => "too many levels of symbolic links",
        FsError.Corrupted => "structure needs cleaning (the file system is damaged)",
        FsError.IoError => "input/output error",
        FsError.FileTooLarge => "file too large",
        FsError.TooManyLinks => "too many links",
        FsError.InvalidArgument => "invalid argument",
        FsError.NotSupported => "not supported",
        _ => error.ToString(),
    };
}
