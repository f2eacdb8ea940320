using System;
using System.IO;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>Where the pieces of a Sharprun checkout are: the kernel project, the platform and the toolchain sources.</summary>
public sealed class RepositoryLayout
{
    /// <summary>Set by the <c>sharprun</c> script and <c>build.ps1</c>.</summary>
    public const string RootVariable = "SHARPRUN_ROOT";

    public RepositoryLayout(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string KernelProject => Path.Combine(Root, "kernel", "Sharprun.Kernel", "Sharprun.Kernel.csproj");

    /// <summary>
    /// Source folders whose changes make a previously built image stale. The Xen platform compiles in
    /// the bare-metal platform's shared files, so its images depend on both folders.
    /// </summary>
    public string[] KernelSourceFolders(string platform) => platform == "baremetal"
        ? [Path.Combine(Root, "kernel"), Path.Combine(Root, "hypercall-baremetal")]
        : [Path.Combine(Root, "kernel"), Path.Combine(Root, "hypercall-" + platform), Path.Combine(Root, "hypercall-baremetal")];

    /// <summary>The toolchain project, whose restore fetches the pinned ILC package.</summary>
    public string ToolchainProject => Path.Combine(Root, "toolchain", "Sharprun.Toolchain", "Sharprun.Toolchain.csproj");

    /// <summary>
    /// The checkout from <see cref="RootVariable"/>, or else the first folder above the running tool that holds
    /// the kernel project (a tool started straight from its build output).
    /// </summary>
    public static RepositoryLayout Locate()
    {
        if (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } fromEnvironment)
        {
            var layout = new RepositoryLayout(fromEnvironment);
            return File.Exists(layout.KernelProject)
                ? layout
                : throw new ToolchainException($"{RootVariable}={fromEnvironment} is not a Sharprun checkout (no {layout.KernelProject})");
        }
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var layout = new RepositoryLayout(folder.FullName);
            if (File.Exists(layout.KernelProject))
                return layout;
        }
        throw new ToolchainException($"cannot find the Sharprun checkout; set {RootVariable} or start sharprun through the script at the checkout's root");
    }
}
