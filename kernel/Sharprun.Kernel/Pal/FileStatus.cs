using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Pal;

/// <summary>The PAL's stat result (pal_io.h FileStatus, CoreLib's Interop.Sys.FileStatus): 120 bytes, C layout.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FileStatus
{
    public int Flags;
    public int Mode;
    public uint Uid;
    public uint Gid;
    public long Size;
    public long ATime;
    public long ATimeNsec;
    public long MTime;
    public long MTimeNsec;
    public long CTime;
    public long CTimeNsec;
    public long BirthTime;
    public long BirthTimeNsec;
    public long Dev;
    public long RDev;
    public long Ino;
    public uint UserFlags;

    /// <summary>FileStatus.Mode file type bits (POSIX S_IFMT values as the PAL fixes them).</summary>
    public const int TypeFifo = 0x1000;

    public const int TypeDirectory = 0x4000;

    /// <summary>PIPEFS_MAGIC, what fstatfs reports for a pipe (and here for every stream).</summary>
    public const long PipeFileSystemType = 0x50495045;

    /// <summary>Owner read and write permission bits.</summary>
    public const int OwnerReadWrite = 0x180;
}
