using System;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Compilation;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

/// <summary>
/// The shared frameworks a project references, read from the real SDK's evaluation: ASP.NET Core's reaches ILC from
/// its runtime pack, one the toolchain cannot supply is refused by name.
/// </summary>
public sealed class SharedFrameworkTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-frameworks-");

    public void Dispose() => _folder.Delete(recursive: true);

    private DotnetProject.Properties Evaluate(string sdk, string items = "")
    {
        string file = Path.Combine(_folder.FullName, "app.csproj");
        File.WriteAllText(file, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
            {items}
              </ItemGroup>
            </Project>
            """);
        return DotnetProject.Evaluate(file, new StepLog(TextWriter.Null, false));
    }

    [Fact]
    public void AWebProjectReferencesAspNetCoreAndPublishesStaticWebAssets()
    {
        var properties = Evaluate("Microsoft.NET.Sdk.Web");
        Assert.Equal([SharedFrameworks.AspNetCore, SharedFrameworks.NetCore], properties.FrameworkReferences.Order(StringComparer.Ordinal));
        Assert.True(properties.UsesStaticWebAssets);
        SharedFrameworks.RequireSupplied(properties.FrameworkReferences, "app.csproj");
    }

    [Fact]
    public void AConsoleProjectReferencesTheCoreFrameworkOnly()
    {
        var properties = Evaluate("Microsoft.NET.Sdk");
        Assert.Equal([SharedFrameworks.NetCore], properties.FrameworkReferences);
        Assert.False(properties.UsesStaticWebAssets);
    }

    [Fact]
    public void AFrameworkWithoutARuntimePackHereIsRefusedByName()
    {
        var properties = Evaluate("Microsoft.NET.Sdk", """<FrameworkReference Include="Microsoft.WindowsDesktop.App" />""");
        var error = Assert.Throws<ToolchainException>(() => SharedFrameworks.RequireSupplied(properties.FrameworkReferences, "app.csproj"));
        Assert.Contains("app.csproj references the shared framework Microsoft.WindowsDesktop.App (FrameworkReference)", error.Message);
        Assert.DoesNotContain("Microsoft.NETCore.App,", error.Message);
    }

    [Fact]
    public void AspNetCoreAssembliesComeFromTheirRuntimePackAtThePinnedVersionAfterTheCoreFramework()
    {
        var package = IlcPackage.Locate(RepositoryLayout.Locate(), new StepLog(TextWriter.Null, false));
        var directories = SharedFrameworks.Directories([SharedFrameworks.NetCore, "microsoft.aspnetcore.app"], package);
        Assert.Equal([package.FrameworkDirectory, package.AspNetCoreFrameworkDirectory], directories);
        Assert.Contains(Path.Combine(IlcPackage.AspNetCoreRuntimePackId, IlcPackage.PinnedVersion), package.AspNetCoreFrameworkDirectory);
        Assert.True(File.Exists(Path.Combine(package.AspNetCoreFrameworkDirectory, "Microsoft.AspNetCore.dll")));
        Assert.True(File.Exists(Path.Combine(package.AspNetCoreFrameworkDirectory, "Microsoft.AspNetCore.Server.Kestrel.Core.dll")));
        Assert.Equal([package.FrameworkDirectory], SharedFrameworks.Directories([SharedFrameworks.NetCore], package));
    }
}
