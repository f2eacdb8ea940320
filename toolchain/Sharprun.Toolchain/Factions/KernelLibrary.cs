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
public sealed record KernelLibrary(
    string Assembly,
    string Project,
    IReadOnlyList<string> FrameworkAssemblies,
    IReadOnlyList<string> NativeArchives,
    IReadOnlyList<string> Companions,
    IReadOnlyList<string> Requires)
{
    /// <summary>Every optional kernel library, in link order.</summary>
    public static readonly IReadOnlyList<KernelLibrary> All =
    [
        // The C runtime (malloc, __stack_chk_fail...) under the runtime pack's zlib-ng and Brotli.
        new("Sharprun.NativeRuntime", "kernel/Sharprun.NativeRuntime/Sharprun.NativeRuntime.csproj", ["System.IO.Compression", "System.IO.Compression.Brotli", "System.Net.WebSockets"], ["libSystem.IO.Compression.Native.a", "libz.a", "libbrotlienc.a", "libbrotlidec.a", "libbrotlicommon.a"], [], []),
        // The OpenSSL shim's hashes, HMAC, PBKDF2, HKDF, AES modes and random bytes, in C#.
        new("Sharprun.Cryptography", "kernel/Sharprun.Cryptography/Sharprun.Cryptography.csproj", ["System.Security.Cryptography"], [], [], []),
        // The sockets PAL over the network faction (TCP/IP in C#). System.Net.Primitives holds the address helpers
        // every networking assembly uses (Http, Ping, Quic... reach it), NetworkInformation lists interfaces. TCP's
        // initial sequence numbers and the resolver's query IDs come from RandomNumberGenerator.
        new("Sharprun.Net.Pal", "kernel/Sharprun.Net.Pal/Sharprun.Net.Pal.csproj",
            ["System.Net.Primitives", "System.Net.Sockets", "System.Net.NameResolution", "System.Net.NetworkInformation"], [], ["Sharprun.Net"], ["Sharprun.Cryptography"]),
    ];

    /// <summary>The libraries an application whose framework closure is <paramref name="closure"/> needs.</summary>
    public static IReadOnlyList<KernelLibrary> NeededBy(IReadOnlySet<string> closure)
    {
        var needed = All.Where(library => library.FrameworkAssemblies.Any(closure.Contains)).Select(library => library.Assembly).ToHashSet();
        // One pass per level of requirement; the table is small and has no cycles.
        for (int level = 0; level < All.Count; level++)
            needed.UnionWith(All.Where(library => needed.Contains(library.Assembly)).SelectMany(library => library.Requires));
        return All.Where(library => needed.Contains(library.Assembly)).ToList();
    }
}
