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
/// <param name="NativeLibraries">The DllImport library names it implements, bound directly by ILC.</param>
/// <param name="NativeArchives">Archives of the runtime pack's native folder linked with it (C code it wraps).</param>
public sealed record KernelLibrary(
    string Assembly,
    string Project,
    IReadOnlyList<string> FrameworkAssemblies,
    IReadOnlyList<string> NativeLibraries,
    IReadOnlyList<string> NativeArchives)
{
    /// <summary>Every optional kernel library, in link order.</summary>
    public static readonly IReadOnlyList<KernelLibrary> All = [];

    /// <summary>The libraries an application whose framework closure is <paramref name="closure"/> needs.</summary>
    public static IReadOnlyList<KernelLibrary> NeededBy(IReadOnlySet<string> closure) =>
        All.Where(library => library.FrameworkAssemblies.Any(closure.Contains)).ToList();
}
