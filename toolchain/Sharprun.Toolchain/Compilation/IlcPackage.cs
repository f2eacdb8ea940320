using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Compilation;

/// <summary>
/// The pinned NativeAOT compiler package (runtime.linux-x64.Microsoft.DotNet.ILCompiler: <c>tools/ilc</c>) and
/// runtime pack (Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64: CoreLib and its private companions and the
/// native archives in <c>runtimes/linux-x64/native/</c>, the framework in <c>runtimes/linux-x64/lib/net10.0/</c>)
/// in the NuGet cache, with ASP.NET Core's runtime pack (Microsoft.AspNetCore.App.Runtime.linux-x64, the same version) for
/// Web SDK projects. Since .NET 10 the framework lives in the runtime pack, not in the compiler package.
/// </summary>
public sealed class IlcPackage
{
    public const string PackageId = "runtime.linux-x64.microsoft.dotnet.ilcompiler";
    public const string RuntimePackId = "microsoft.netcore.app.runtime.nativeaot.linux-x64";
    public const string AspNetCoreRuntimePackId = "microsoft.aspnetcore.app.runtime.linux-x64";

    private IlcPackage(string directory, string runtimePackDirectory, string aspNetCoreRuntimePackDirectory, string version)
    {
        Directory = directory;
        RuntimePackDirectory = runtimePackDirectory;
        AspNetCoreRuntimePackDirectory = aspNetCoreRuntimePackDirectory;
        Version = version;
    }

    public string Directory { get; }

    public string RuntimePackDirectory { get; }

    public string AspNetCoreRuntimePackDirectory { get; }

    public string Version { get; }

    public string Compiler => Path.Combine(Directory, "tools", "ilc");

    /// <summary>CoreLib, System.Private.* and the native archives (libSystem.*.a, libz.a, libbrotli*.a).</summary>
    public string SdkDirectory => Path.Combine(RuntimePackDirectory, "runtimes", "linux-x64", "native");

    public string FrameworkDirectory => LibraryDirectory(RuntimePackDirectory);

    /// <summary>The assemblies of the Microsoft.AspNetCore.App shared framework.</summary>
    public string AspNetCoreFrameworkDirectory => LibraryDirectory(AspNetCoreRuntimePackDirectory);

    private string LibraryDirectory(string runtimePack) => Path.Combine(runtimePack, "runtimes", "linux-x64", "lib", "net" + Version.Split('.')[0] + ".0");

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
        var package = new IlcPackage(Path.Combine(PackagesRoot, PackageId, version), Path.Combine(PackagesRoot, RuntimePackId, version),
            Path.Combine(PackagesRoot, AspNetCoreRuntimePackId, version), version);
        if (package.IsComplete)
            return package;

        var restore = ToolProcess.Run("dotnet", ["restore", layout.ToolchainProject, "-nologo"], layout.Root, log.Echo);
        if (restore.ExitCode != 0)
            throw new ToolchainException($"the NativeAOT compiler {PackageId} {version} or its runtime packs {RuntimePackId} and {AspNetCoreRuntimePackId} are not in {PackagesRoot} and restoring them failed:\n{restore.Output.TrimEnd()}");
        return package.IsComplete
            ? package
            : throw new ToolchainException($"restore finished but {package.Compiler}, {package.FrameworkDirectory} or {package.AspNetCoreFrameworkDirectory} is still missing; is NUGET_PACKAGES pointing elsewhere than restore uses?");
    }

    private bool IsComplete => File.Exists(Compiler) && System.IO.Directory.Exists(SdkDirectory) && System.IO.Directory.Exists(FrameworkDirectory)
        && System.IO.Directory.Exists(AspNetCoreFrameworkDirectory);
}
