using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Pal.Native;

/// <summary>
/// pathconf(3)'s answers as glibc gives them on Linux, by the PAL's PathConfName: LINK_MAX from the file system
/// (ext2/ext3 32000, ext4 65000, others 127), NAME_MAX from statfs, the rest fixed by Linux.
/// </summary>
internal static class PathLimits
{
    private const int LinkMaximum = 1;
    private const int MaximumCanonicalInput = 2;
    private const int MaximumInput = 3;
    private const int NameMaximum = 4;
    private const int PathMaximum = 5;
    private const int PipeBuffer = 6;
    private const int ChownRestricted = 7;
    private const int NoTruncation = 8;
    private const int DisableCharacter = 9;

    /// <summary>The value, or the errno for a name pathconf does not know.</summary>
    public static LinuxErrno TryGet(int name, IFileSystem fileSystem, in FileSystemStatistics statistics, out long value)
    {
        value = name switch
        {
            LinkMaximum => fileSystem.TypeName switch { "ext4" => 65000, "ext2" or "ext3" => 32000, _ => 127 },
            MaximumCanonicalInput or MaximumInput => 255,
            NameMaximum => statistics.MaximumNameLength,
            PathMaximum => 4096,
            PipeBuffer => 4096,
            ChownRestricted or NoTruncation => 1,
            DisableCharacter => 0,
            _ => -1,
        };
        return value < 0 ? LinuxErrno.EINVAL : 0;
    }
}
