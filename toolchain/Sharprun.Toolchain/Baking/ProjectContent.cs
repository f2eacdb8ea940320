using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Baking;

/// <summary>
/// The files <c>dotnet publish</c> would copy beside the application: the SDK's own <c>GetCopyToPublishDirectoryItems</c>
/// target (Content and None items with CopyToPublishDirectory, or CopyToOutputDirectory which it implies, referenced
/// projects' included; in Web SDK projects appsettings*.json are content by default, in console projects only when
/// the project says so) and, in Web SDK projects, the static web assets publish copies (wwwroot with the .gz and .br
/// copies it compresses, and the endpoints manifest MapStaticAssets reads). Asking MSBuild, rather than reading the
/// project file, gets globs, Update items, conditions and imported targets right. The SDK adds its own outputs (the
/// .deps.json, .runtimeconfig.json and apphost, under bin/ and obj/), which mean nothing in an image and are left out.
/// </summary>
public static class ProjectContent
{
    private const string Target = "GetCopyToPublishDirectoryItems";

    /// <summary>
    /// The Web SDK's publish targets up to the list of static web assets with their paths under the publish folder
    /// (<see cref="StaticWebAssetsItem"/>), and the one that writes the endpoints manifest. They also copy the assets
    /// to PublishDir, which <see cref="Collect"/> points into obj/.
    /// </summary>
    private static readonly string[] StaticWebAssetsTargets =
        ["StaticWebAssetsPrepareForPublish", "LoadStaticWebAssetsPublishManifest", "_SplitPublishStaticWebAssetsByCopyOptions", "GenerateStaticWebAssetsPublishManifest"];

    private const string StaticWebAssetsItem = "_PublishStaticWebAssetsTargetPath";
    private const string EndpointsManifestProperty = "StaticWebAssetEndpointsPublishManifestPath";

    /// <summary>One content file: where it is on the host and its path under the application's directory.</summary>
    public sealed record Item(string SourcePath, string TargetPath);

    /// <param name="staticWebAssets">Whether the project publishes static web assets (DotnetProject.Properties.UsesStaticWebAssets).</param>
    public static IReadOnlyList<Item> Collect(string projectFile, bool staticWebAssets)
    {
        string[] targets = staticWebAssets ? [Target, .. StaticWebAssetsTargets] : [Target];
        List<string> arguments =
        [
            "msbuild", projectFile, "-nologo", "-restore", .. DotnetProject.PublishProperties, $"-t:{string.Join(';', targets)}",
            $"-getTargetResult:{Target}", "-getProperty:OutDir", "-getProperty:IntermediateOutputPath",
        ];
        if (staticWebAssets)
        {
            string scratch = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(projectFile))!, "obj", "sharprun", "publish") + Path.DirectorySeparatorChar;
            arguments.AddRange([$"-p:PublishDir={scratch}", "-getItem:" + StaticWebAssetsItem, "-getProperty:" + EndpointsManifestProperty, "-getProperty:TargetName"]);
        }
        var result = ToolProcess.Run("dotnet", arguments, Path.GetDirectoryName(projectFile)!, echo: null);
        if (result.ExitCode != 0)
            throw new ToolchainException($"cannot list the content items of {projectFile}:\n{result.Output.TrimEnd()}");
        return Parse(result.Output, projectFile);
    }

    /// <summary>Reads MSBuild's JSON answer (it comes last, after any messages).</summary>
    public static IReadOnlyList<Item> Parse(string output, string projectFile)
    {
        int start = output.StartsWith('{') ? 0 : output.IndexOf("\n{", StringComparison.Ordinal) is var brace and >= 0 ? brace + 1 : -1;
        if (start < 0)
            throw new ToolchainException($"unexpected output from MSBuild listing the content of {projectFile}:\n{output}");
        string projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        try
        {
            using var document = JsonDocument.Parse(output[start..]);
            var properties = document.RootElement.GetProperty("Properties");
            string[] generated =
            [
                FullDirectory(projectDirectory, properties.GetProperty("OutDir").GetString() ?? ""),
                FullDirectory(projectDirectory, properties.GetProperty("IntermediateOutputPath").GetString() ?? ""),
            ];
            var items = new List<Item>();
            var byTarget = new Dictionary<string, string>(StringComparer.Ordinal);
            void Add(string source, string target)
            {
                if (byTarget.TryGetValue(target, out string? earlier))
                {
                    if (earlier != source)
                        throw new ToolchainException($"{Path.GetFileName(projectFile)} publishes two files as {target}: {earlier} and {source}");
                    return;
                }
                byTarget.Add(target, source);
                items.Add(new Item(source, target));
            }

            foreach (var element in document.RootElement.GetProperty("TargetResults").GetProperty(Target).GetProperty("Items").EnumerateArray())
            {
                string source = Path.GetFullPath(element.GetProperty("FullPath").GetString() ?? "", projectDirectory);
                string target = (element.GetProperty("TargetPath").GetString() ?? "").Replace('\\', '/');
                if (generated.Any(directory => directory.Length > 0 && source.StartsWith(directory, StringComparison.Ordinal)))
                    continue;
                if (target.Length > 0)
                    Add(source, target);
            }

            // Static web assets are published from obj/ too (the compressed copies): they are the project's content, not the SDK's outputs.
            if (document.RootElement.TryGetProperty("Items", out var itemTypes) && itemTypes.TryGetProperty(StaticWebAssetsItem, out var assets))
            {
                foreach (var element in assets.EnumerateArray())
                {
                    string source = Path.GetFullPath(element.GetProperty("Identity").GetString() ?? "", projectDirectory);
                    string target = (element.GetProperty("TargetPath").GetString() ?? "").Replace('\\', '/');
                    if (target.Length == 0)
                        throw new ToolchainException($"the static web asset {source} of {Path.GetFileName(projectFile)} has no publish path");
                    Add(source, target);
                }
            }
            if (properties.TryGetProperty(EndpointsManifestProperty, out var manifestProperty) && manifestProperty.GetString() is { Length: > 0 } manifest)
            {
                string source = Path.GetFullPath(manifest.Replace('\\', '/'), projectDirectory);
                if (File.Exists(source))
                    Add(source, properties.GetProperty("TargetName").GetString() + ".staticwebassets.endpoints.json");
            }
            return items;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ToolchainException($"unexpected output from MSBuild listing the content of {projectFile} ({e.Message}):\n{output}");
        }
    }

    /// <summary>A directory property as a full path ending in a separator; MSBuild writes "bin\Release/net10.0/" on Linux too.</summary>
    private static string FullDirectory(string projectDirectory, string relative)
    {
        if (relative.Length == 0)
            return "";
        string native = relative.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(native, projectDirectory)) + Path.DirectorySeparatorChar;
    }
}
