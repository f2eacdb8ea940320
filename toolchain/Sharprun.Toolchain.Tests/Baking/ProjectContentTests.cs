using System;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Baking;

/// <summary>Content items as dotnet publish collects them, asked of the real SDK for a small project.</summary>
public sealed class ProjectContentTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-content-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Project(string items, string sdk = "Microsoft.NET.Sdk")
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
        File.WriteAllText(Path.Combine(_folder.FullName, "Program.cs"), "return 0;\n");
        foreach (string name in new[] { "appsettings.json", "appsettings.Development.json", "nopub.txt", "pubonly.txt", "sub/data.txt" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_folder.FullName, name))!);
            File.WriteAllText(Path.Combine(_folder.FullName, name), name);
        }
        return file;
    }

    /// <summary>Built first, as the pipeline does: a Web SDK project's static web assets manifest exists only after a build.</summary>
    private static string[] Targets(string project)
    {
        var log = new StepLog(TextWriter.Null, false);
        var properties = DotnetProject.Evaluate(project, log);
        DotnetProject.Build(project, log);
        return ProjectContent.Collect(project, properties.UsesStaticWebAssets).Select(item => item.TargetPath).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void AConsoleProjectPublishesWhatItsItemsSayAndNoSdkOutputs()
    {
        string project = Project("""
                <Content Include="appsettings.json" CopyToOutputDirectory="PreserveNewest" />
                <None Update="sub/data.txt" CopyToOutputDirectory="Always" />
                <None Include="nopub.txt" CopyToOutputDirectory="Always" CopyToPublishDirectory="Never" />
                <Content Include="pubonly.txt" CopyToPublishDirectory="PreserveNewest" />
            """);
        Assert.Equal(["appsettings.json", "pubonly.txt", "sub/data.txt"], Targets(project));
    }

    [Fact]
    public void AConsoleProjectWithoutItemsPublishesNoContent() => Assert.Empty(Targets(Project("")));

    [Fact]
    public void AWebProjectPublishesItsAppSettingsAndEndpointsManifestByDefault() =>
        Assert.Equal(["app.staticwebassets.endpoints.json", "appsettings.Development.json", "appsettings.json"], Targets(Project("", "Microsoft.NET.Sdk.Web")));

    [Fact]
    public void AWebProjectPublishesWwwrootWithItsCompressedCopies()
    {
        string project = Project("", "Microsoft.NET.Sdk.Web");
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "wwwroot", "css"));
        File.WriteAllText(Path.Combine(_folder.FullName, "wwwroot", "index.html"), "<h1>hello</h1>\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "wwwroot", "css", "site.css"), "body { margin: 0 }\n");
        Assert.Equal(
            [
                "app.staticwebassets.endpoints.json", "appsettings.Development.json", "appsettings.json",
                "wwwroot/css/site.css", "wwwroot/css/site.css.br", "wwwroot/css/site.css.gz",
                "wwwroot/index.html", "wwwroot/index.html.br", "wwwroot/index.html.gz",
            ],
            Targets(project));
    }

    [Fact]
    public void StaticWebAssetsAndTheEndpointsManifestComeFromObj()
    {
        string project = Path.Combine(_folder.FullName, "app.csproj");
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "obj"));
        File.WriteAllText(Path.Combine(_folder.FullName, "obj", "staticwebassets.publish.endpoints.json"), "{}");
        string json = $$"""
            {
              "Properties": { "OutDir": "bin/", "IntermediateOutputPath": "obj/", "StaticWebAssetEndpointsPublishManifestPath": "obj/staticwebassets.publish.endpoints.json", "TargetName": "app" },
              "Items": { "_PublishStaticWebAssetsTargetPath": [
                { "Identity": "{{_folder.FullName}}/obj/compressed/x-{0}-y.gz", "TargetPath": "wwwroot/index.html.gz" },
                { "Identity": "{{_folder.FullName}}/wwwroot/index.html", "TargetPath": "wwwroot\\index.html" }
              ] },
              "TargetResults": { "GetCopyToPublishDirectoryItems": { "Result": "Success", "Items": [
                { "FullPath": "{{_folder.FullName}}/appsettings.json", "TargetPath": "appsettings.json" }
              ] } }
            }
            """;
        var items = ProjectContent.Parse(json, project);
        Assert.Equal(["appsettings.json", "wwwroot/index.html.gz", "wwwroot/index.html", "app.staticwebassets.endpoints.json"], items.Select(item => item.TargetPath));
        Assert.Equal(Path.Combine(_folder.FullName, "obj", "staticwebassets.publish.endpoints.json"), items[^1].SourcePath);
    }

    [Fact]
    public void SdkOutputsAndDuplicatesAreLeftOutOfMsbuildsAnswer()
    {
        string project = Path.Combine(_folder.FullName, "app.csproj");
        string json = $$"""
            {
              "Properties": { "OutDir": "bin\\Release/net10.0/", "IntermediateOutputPath": "obj/Release/net10.0/" },
              "TargetResults": { "GetCopyToPublishDirectoryItems": { "Result": "Success", "Items": [
                { "FullPath": "{{_folder.FullName}}/bin/Release/net10.0/app.deps.json", "TargetPath": "app.deps.json" },
                { "FullPath": "{{_folder.FullName}}/obj/Release/net10.0/apphost", "TargetPath": "app" },
                { "FullPath": "{{_folder.FullName}}/a.json", "TargetPath": "a.json" },
                { "FullPath": "{{_folder.FullName}}/a.json", "TargetPath": "a.json" },
                { "FullPath": "{{_folder.FullName}}/b/c.txt", "TargetPath": "b\\c.txt" }
              ] } }
            }
            """;
        var items = ProjectContent.Parse("some message\n" + json, project);
        Assert.Equal(["a.json", "b/c.txt"], items.Select(item => item.TargetPath));
    }

    [Fact]
    public void TwoFilesPublishedAsOnePathAreRefused()
    {
        string json = $$"""
            { "Properties": { "OutDir": "bin/", "IntermediateOutputPath": "obj/" },
              "TargetResults": { "GetCopyToPublishDirectoryItems": { "Items": [
                { "FullPath": "{{_folder.FullName}}/x/a.json", "TargetPath": "a.json" },
                { "FullPath": "{{_folder.FullName}}/y/a.json", "TargetPath": "a.json" } ] } } }
            """;
        var error = Assert.Throws<ToolchainException>(() => ProjectContent.Parse(json, Path.Combine(_folder.FullName, "app.csproj")));
        Assert.Contains("two files as a.json", error.Message);
    }

    [Fact]
    public void OutputWithoutJsonIsAnError() =>
        Assert.Throws<ToolchainException>(() => ProjectContent.Parse("error MSB1009: Project file does not exist.", "app.csproj"));
}
