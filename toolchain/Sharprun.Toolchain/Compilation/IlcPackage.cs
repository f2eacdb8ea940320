using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Compilation;

/// <summary>
/// The pinned NativeAOT compiler package (runtime.linux-x64.Microsoft.DotNet.ILCompiler) in the NuGet cache:
/// <c>tools/ilc</c>, CoreLib and friends in <c>sdk/</c>, the framework assemblies in <c>framework/</c>.
/// </summary>
public sealed class IlcPackage
{
    public const string PackageId = "runtime.linux-x64.microsoft.dotnet.ilcompiler";

    private IlcPackage(string directory, string version)
    {
        Directory = directory;
        Version = version;
    }

    public string Directory { get; }

    public string Version { get; }

    public string Compiler => Path.Combine(Directory, "tools", "ilc");

    public string SdkDirectory => Path.Combine(Directory, "sdk");

    public string FrameworkDirectory => Path.Combine(Directory, "framework");

    /// <summary>The version pinned in Directory.Build.props, carried into the toolchain assembly's metadata.</summary>
    public static string PinnedVersion =>
        typeof(IlcPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SharprunIlcVersion")?.Value
        ?? throw new ToolchainException("the toolchain assembly lacks its SharprunIlcVersion metadata; rebuild the toolchain");

    /// <summary>NUGET_PACKAGES when set, else ~/.nuget/packages: where restore puts packages.</summary>
    public static string PackagesRoot =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// The package of the pinned version; when it is not in the cache, restores the toolchain project (whose
    /// PackageDownload fetches it) and looks again.
    /// </summary>
    public static IlcPackage Locate(RepositoryLayout layout, StepLog log)
    {
        string version = PinnedVersion;
        var package = new IlcPackage(Path.Combine(PackagesRoot, PackageId, version), version);
        if (package.IsComplete)
            return package;

        var restore = ToolProcess.Run("dotnet", ["restore", layout.ToolchainProject, "-nologo"], layout.Root, log.Echo);
        if (restore.ExitCode != 0)
            throw new ToolchainException($"the NativeAOT compiler {PackageId} {version} is not in {PackagesRoot} and restoring it failed:\n{restore.Output.TrimEnd()}");
        return package.IsComplete
            ? package
            : throw new ToolchainException($"restore finished but {package.Compiler} is still missing; is NUGET_PACKAGES pointing elsewhere than restore uses?");
    }

    private bool IsComplete => File.Exists(Compiler) && System.IO.Directory.Exists(SdkDirectory) && System.IO.Directory.Exists(FrameworkDirectory);
}
