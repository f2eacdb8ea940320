using Sharprun.Vfs.Tmpfs;

namespace Sharprun.Vfs.Pal.Files;

/// <summary>
/// The image's one file tree: a tmpfs root with /tmp (mode 1777, where Path.GetTempPath points), /etc (the
/// framework tells a missing file in it from a missing directory) and /run (see <see cref="RunDirectory"/>), the baked files mounted read-only over it (/app,
/// /etc, /usr/share/zoneinfo...), then the disks. Made on first use. The root holds at most
/// <see cref="ByteLimit"/> bytes of file data: a fixed figure, so that the same program fills its disk the same
/// way whatever -m it boots with; the pages are taken from the heap as files grow, not reserved at boot. The working
/// directory starts as the application's own (/app, where its content is baked), as a published app is run from its
/// folder and .NET's container images run it (WORKDIR /app): ASP.NET Core finds appsettings.json and wwwroot in its
/// content root, the working directory.
/// </summary>
internal static class KernelFileSystem
{
    public const long ByteLimit = 64L << 20;

    private const uint StickyWorldWritable = 0x3FF; // 1777
    private const uint DirectoryPermissions = 0x1ED; // 0755

    private static readonly Lazy<VirtualFileSystem> s_tree = new(Create);

    public static VirtualFileSystem Tree => s_tree.Value;

    public static IFileClock Clock { get; } = new WallClock();

    private static VirtualFileSystem Create()
    {
        var tree = new VirtualFileSystem(new TmpfsFileSystem(ByteLimit, Clock));
        tree.MakeDirectory("/etc"u8, DirectoryPermissions);
        tree.MakeDirectory("/tmp"u8, StickyWorldWritable);
        // mkdir applies the umask; chmod gives /tmp its sticky, world-writable mode.
        tree.ChangeMode("/tmp"u8, StickyWorldWritable);
        RunDirectory.Attach(tree);
        // Baked files first: a disk may be mounted over one of their directories, never the other way round.
        Baked.BakedMounts.MountAll(tree);
        Disks.DiskMounts.MountAll(tree);
        var programPath = Kernel.Startup.ProgramPath.Bytes;
        var applicationDirectory = programPath[..programPath.LastIndexOf((byte)'/')];
        // An image that bakes no content has no /app, and stays at the root (chdir answers NotFound).
        tree.ChangeDirectory(applicationDirectory);
        return tree;
    }
}
