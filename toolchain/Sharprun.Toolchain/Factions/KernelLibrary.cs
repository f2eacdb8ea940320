using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Toolchain.Factions;

/// <summary>
/// A part of the kernel compiled into an image only when the application can reach the framework area it
/// implements, like rumprun-bake's components: a program that hashes nothing carries no cryptography.
/// </summary>
/// <param name="Assembly">The kernel assembly's simple name; its RuntimeExports are rooted when it is linked.</param>
/// <param name="Project">Its project, relative to the checkout's root.</param>
/// <param name="FrameworkAssemblies">Linked when any of these framework assemblies is reachable.</param>
/// <param name="NativeArchives">Archives of the runtime pack's native folder linked with it (C code it wraps).</param>
/// <param name="Companions">Kernel assemblies it is built on, compiled into the image with it (found beside its own output).</param>
/// <param name="Requires">Other kernel libraries it needs, whatever the application reaches (by <see cref="Assembly"/> name).</param>
/// <param name="CoreLibApis">
/// Also linked when the application's own assemblies reference one of these CoreLib types or members (see
/// <see cref="Inspection.ReferencedApis"/>: "Type", "Type::Member", or "Namespace." for all of its types). CoreLib is
/// in every closure, so for an area CoreLib implements only what the application names says whether it is used.
/// </param>
/// <param name="StandsInFor">Linked exactly when that library is not: it answers the same entry points without it.</param>
/// <param name="LinkedOnDemand">
/// Also linked when the compiled code leaves one of its exports undefined: the image is then compiled again with it
/// (<see cref="Pipeline.ImageBuilder"/>). For a library that CoreLib itself calls, where what the application names
/// only guesses whether the calls are reached; the guess (<paramref name="CoreLibApis"/>) spares most images the
/// second compile.
/// </param>
public sealed record KernelLibrary(
    string Assembly,
    string Project,
    IReadOnlyList<string> FrameworkAssemblies,
    IReadOnlyList<string> NativeArchives,
    IReadOnlyList<string> Companions,
    IReadOnlyList<string> Requires,
    IReadOnlyList<string>? CoreLibApis = null,
    string? StandsInFor = null,
    bool LinkedOnDemand = false)
{
    /// <summary>
    /// What makes an application use files: CoreLib's file-system types, and the members that create or name files
    /// (a temporary file, a StreamReader or StreamWriter over a path, a new working directory). Framework assemblies
    /// are counted by name instead (<see cref="FilesFrameworkAssemblies"/>): almost every one touches a file somewhere
    /// (System.Console reads terminfo), so their references would put a file system in every image.
    /// </summary>
    public static readonly IReadOnlyList<string> FileApis =
    [
        "System.IO.File", "System.IO.FileInfo", "System.IO.Directory", "System.IO.DirectoryInfo", "System.IO.FileSystemInfo",
        "System.IO.FileStream", "System.IO.FileStreamOptions", "System.IO.RandomAccess", "System.IO.Enumeration.",
        "System.IO.EnumerationOptions", "System.IO.SearchOption", "System.IO.UnixFileMode",
        "Microsoft.Win32.SafeHandles.SafeFileHandle",
        "System.IO.Path::GetTempFileName", "System.IO.Path::GetTempPath",
        "System.IO.StreamReader::.ctor(string)", "System.IO.StreamWriter::.ctor(string)",
        "System.Environment::set_CurrentDirectory",
        // TimeZoneInfo reads the tz database under /usr/share/zoneinfo, which only the file PAL's tree holds.
        "System.TimeZoneInfo",
    ];

    /// <summary>Framework assemblies that exist to work on files (watching, drives, mapped files, zip archives on disk, isolated storage).</summary>
    public static readonly IReadOnlyList<string> FilesFrameworkAssemblies =
    [
        "System.IO.FileSystem.Watcher", "System.IO.FileSystem.DriveInfo", "System.IO.MemoryMappedFiles",
        "System.IO.Compression.ZipFile", "System.IO.IsolatedStorage",
    ];

    /// <summary>
    /// What makes an application likely to call the C math functions: Math and MathF themselves, and what runs on the
    /// thread pool, whose hill climbing computes with sin, cos and pow. A guess either way only costs build time.
    /// </summary>
    public static readonly IReadOnlyList<string> MathApis =
    [
        "System.Math", "System.MathF", "System.Threading.Tasks.", "System.Threading.Thread", "System.Threading.ThreadPool",
        "System.Threading.Timer", "System.Threading.PeriodicTimer",
    ];

    /// <summary>Every optional kernel library, in link order.</summary>
    public static readonly IReadOnlyList<KernelLibrary> All =
    [
        // The C math functions CoreLib imports (cbrt, sin, pow...), with glibc 2.36's results; 69 KiB, most of it
        // glibc's tables, that a program whose compiled code calls none of them (hello) does without.
        new("Sharprun.Libm", "kernel/Sharprun.Libm/Sharprun.Libm.csproj", ["System.Runtime.Numerics"], [], [], [], MathApis, LinkedOnDemand: true),
        // The C runtime (malloc, __stack_chk_fail...) under the runtime pack's zlib-ng and Brotli.
        new("Sharprun.NativeRuntime", "kernel/Sharprun.NativeRuntime/Sharprun.NativeRuntime.csproj", ["System.IO.Compression", "System.IO.Compression.Brotli", "System.Net.WebSockets"], ["libSystem.IO.Compression.Native.a", "libz.a", "libbrotlienc.a", "libbrotlidec.a", "libbrotlicommon.a"], [], []),
        // The OpenSSL shim's hashes, HMAC, PBKDF2, HKDF, AES modes and random bytes, in C#.
        new("Sharprun.Cryptography", "kernel/Sharprun.Cryptography/Sharprun.Cryptography.csproj", ["System.Security.Cryptography"], [], [], []),
        // The sockets PAL over the network faction (TCP/IP in C#). System.Net.Primitives holds the address helpers
        // every networking assembly uses (Http, Ping, Quic... reach it), NetworkInformation lists interfaces. TCP's
        // initial sequence numbers and the resolver's query IDs come from RandomNumberGenerator.
        new("Sharprun.Net.Pal", "kernel/Sharprun.Net.Pal/Sharprun.Net.Pal.csproj",
            ["System.Net.Primitives", "System.Net.Sockets", "System.Net.NameResolution", "System.Net.NetworkInformation"], [], ["Sharprun.Net"], ["Sharprun.Cryptography"]),
        // The file PAL over the vfs faction: a tmpfs root with /tmp, the baked files read-only, and the ext2 disks the boot names.
        new("Sharprun.Vfs.Pal", "kernel/Sharprun.Vfs.Pal/Sharprun.Vfs.Pal.csproj", FilesFrameworkAssemblies, [], ["Sharprun.Vfs", "Sharprun.Ext2"], [], FileApis),
        // Without it, the path-based calls of an empty, read-only root (what the console and the framework's probes of
        // /etc need), far smaller than the VFS.
        new("Sharprun.EmptyRoot.Pal", "kernel/Sharprun.EmptyRoot.Pal/Sharprun.EmptyRoot.Pal.csproj", [], [], [], [], StandsInFor: "Sharprun.Vfs.Pal"),
    ];

    /// <summary>The library whose tree holds baked files (content items, <c>build --files</c>).</summary>
    public const string FilePal = "Sharprun.Vfs.Pal";

    /// <summary>
    /// The libraries an application needs whose framework closure is <paramref name="closure"/> and whose own
    /// assemblies reference <paramref name="referencedApis"/> (<see cref="Inspection.ReferencedApis.Of"/>). An image
    /// that bakes files (<paramref name="bakesFiles"/>) gets the file PAL whatever the application names: it may
    /// reach them through a framework assembly (a configuration or XML reader over a path) that names no file API.
    /// <paramref name="alsoLinked"/> names libraries a first compile showed are needed (<see cref="LinkedOnDemand"/>).
    /// </summary>
    public static IReadOnlyList<KernelLibrary> NeededBy(IReadOnlySet<string> closure, IReadOnlySet<string> referencedApis, bool bakesFiles = false, IEnumerable<string>? alsoLinked = null)
    {
        var needed = All
            .Where(library => library.FrameworkAssemblies.Any(closure.Contains)
                || (library.CoreLibApis is { } apis && Inspection.ReferencedApis.AnyOf(referencedApis, apis)))
            .Select(library => library.Assembly)
            .ToHashSet();
        needed.UnionWith(alsoLinked ?? []);
        if (bakesFiles)
            needed.Add(FilePal);
        // One pass per level of requirement; the table is small and has no cycles.
        for (int level = 0; level < All.Count; level++)
            needed.UnionWith(All.Where(library => needed.Contains(library.Assembly)).SelectMany(library => library.Requires));
        needed.UnionWith(All.Where(library => library.StandsInFor is { } other && !needed.Contains(other)).Select(library => library.Assembly));
        return All.Where(library => needed.Contains(library.Assembly)).ToList();
    }
}
