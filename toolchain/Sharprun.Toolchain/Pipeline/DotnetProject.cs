using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>Evaluates and builds .NET projects with the <c>dotnet</c> CLI, turning failures into readable errors.</summary>
public static class DotnetProject
{
    public const string Configuration = "Release";

    /// <summary>
    /// The application is built and evaluated as for <c>dotnet publish -p:PublishAot=true</c>: that turns on the
    /// source generators a NativeAOT publish compiles the app with (ASP.NET Core's Request Delegate Generator, the
    /// configuration binder's), the AOT and trimming analyzers, and the feature switches packages' build files add
    /// for trimmed publishes. Every MSBuild call on the application passes the same properties, so restore writes
    /// one assets file and incremental builds stay incremental.
    /// </summary>
    public static readonly IReadOnlyList<string> PublishProperties = [$"-p:Configuration={Configuration}", "-p:PublishAot=true", "-p:PublishTrimmed=true"];
    public const string RequiredTargetFramework = "net10.0";

    /// <summary>The evaluated properties sharprun needs from an application project.</summary>
    /// <param name="InvariantGlobalization">Whether the project says <c>&lt;InvariantGlobalization&gt;true&lt;/InvariantGlobalization&gt;</c>,
    /// as images always behave (there is no ICU in them).</param>
    /// <param name="FrameworkReferences">The shared frameworks the project references (FrameworkReference items: Microsoft.NETCore.App, Microsoft.AspNetCore.App in Web SDK projects).</param>
    /// <param name="UsesStaticWebAssets">Whether the project publishes static web assets (wwwroot) through the Web SDK's pipeline.</param>
    public sealed record Properties(string TargetFramework, string TargetFrameworks, string OutputType, string TargetPath, bool InvariantGlobalization,
        IReadOnlyList<string> FrameworkReferences, bool UsesStaticWebAssets);

    /// <summary>What <c>build</c> says of a project that does not declare invariant globalization, which its image has regardless.</summary>
    public const string InvariantGlobalizationNote =
        "the project does not set <InvariantGlobalization>true</InvariantGlobalization>; images always run in .NET's invariant " +
        "globalization mode (no ICU): culture-sensitive formatting, comparison and casing behave as the invariant culture's";

    public static Properties Evaluate(string projectFile, StepLog log)
    {
        var result = ToolProcess.Run("dotnet",
            ["msbuild", projectFile, "-nologo", .. PublishProperties,
             "-getProperty:TargetFramework", "-getProperty:TargetFrameworks", "-getProperty:OutputType", "-getProperty:TargetPath",
             "-getProperty:InvariantGlobalization", "-getProperty:UsingMicrosoftNETSdkStaticWebAssets", "-getItem:" + FrameworkReference],
            Path.GetDirectoryName(projectFile)!, echo: null);
        if (result.ExitCode != 0)
            throw new ToolchainException($"cannot read project {projectFile}:\n{Errors(result.Output)}");
        return ReadEvaluation(result.Output, projectFile);
    }

    private const string FrameworkReference = "FrameworkReference";

    /// <summary>The <see cref="Properties"/> in MSBuild's JSON answer to <see cref="Evaluate"/>.</summary>
    public static Properties ReadEvaluation(string output, string projectFile)
    {
        var properties = ReadProperties(output, projectFile);
        return new Properties(
            properties.GetValueOrDefault("TargetFramework", ""),
            properties.GetValueOrDefault("TargetFrameworks", ""),
            properties.GetValueOrDefault("OutputType", ""),
            properties.GetValueOrDefault("TargetPath", ""),
            IsTrue(properties.GetValueOrDefault("InvariantGlobalization", "")),
            ReadItems(output, projectFile, FrameworkReference).Select(reference => Metadata(reference, "Identity")).ToList(),
            IsTrue(properties.GetValueOrDefault("UsingMicrosoftNETSdkStaticWebAssets", "")));
    }

    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The project's RuntimeHostConfigurationOption items: what its runtimeconfig.json would say (System.GC.Server in
    /// Web SDK projects) and its trimming feature switches (Trim="true"), which ILC is given as the SDK gives them.
    /// Evaluated with <see cref="PublishProperties"/>, since packages' build files add theirs when PublishTrimmed is true, and
    /// after <see cref="Build"/>: those files are imported through what restore generates, so a project never restored
    /// before would show none.
    /// </summary>
    public static IReadOnlyList<RuntimeHostOption> EvaluateRuntimeHostOptions(string projectFile)
    {
        var result = ToolProcess.Run("dotnet",
            ["msbuild", projectFile, "-nologo", .. PublishProperties, "-getItem:" + RuntimeHostConfigurationOption],
            Path.GetDirectoryName(projectFile)!, echo: null);
        if (result.ExitCode != 0)
            throw new ToolchainException($"cannot read project {projectFile}:\n{Errors(result.Output)}");
        return ReadRuntimeHostOptions(result.Output, projectFile);
    }

    private const string RuntimeHostConfigurationOption = "RuntimeHostConfigurationOption";

    /// <summary>The RuntimeHostConfigurationOption items of the -getItem JSON, in its order.</summary>
    public static IReadOnlyList<RuntimeHostOption> ReadRuntimeHostOptions(string output, string projectFile) =>
        ReadItems(output, projectFile, RuntimeHostConfigurationOption)
            .Select(option => new RuntimeHostOption(Metadata(option, "Identity"), Metadata(option, "Value"), IsTrue(Metadata(option, "Trim"))))
            .ToList();

    /// <summary>The items of one type in MSBuild's -getItem JSON (cloned out of the document), none when it lists none.</summary>
    private static List<JsonElement> ReadItems(string output, string projectFile, string itemType)
    {
        int start = JsonStart(output);
        if (start < 0)
            throw new ToolchainException($"unexpected output from MSBuild for {projectFile}:\n{output}");
        try
        {
            using var document = JsonDocument.Parse(output[start..]);
            if (!document.RootElement.TryGetProperty("Items", out var items) || !items.TryGetProperty(itemType, out var ofType))
                return [];
            return ofType.EnumerateArray().Select(item => item.Clone()).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ToolchainException($"unexpected output from MSBuild for {projectFile} ({e.Message}):\n{output}");
        }
    }

    private static string Metadata(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    /// <summary>
    /// Refuses anything but a net10.0 executable, saying what the project is instead. One target only: the kernel
    /// mirrors the layouts of one CoreLib, and a second framework would need a second copy of those.
    /// </summary>
    public static void RequireSupportedExecutable(Properties properties, string projectFile)
    {
        string name = Path.GetFileName(projectFile);
        if (properties.TargetFramework.Length == 0)
        {
            throw new ToolchainException(properties.TargetFrameworks.Length > 0
                ? $"{name} targets several frameworks ({properties.TargetFrameworks}); sharprun needs a project with <TargetFramework>{RequiredTargetFramework}</TargetFramework>"
                : $"{name} has no TargetFramework; sharprun needs {RequiredTargetFramework}");
        }
        if (properties.TargetFramework != RequiredTargetFramework)
            throw new ToolchainException($"{name} targets {properties.TargetFramework}; sharprun needs {RequiredTargetFramework} (the NativeAOT compiler and CoreLib it builds on are {IlcPackageVersionMajor()}.0): retarget the project with <TargetFramework>{RequiredTargetFramework}</TargetFramework>");
        if (!string.Equals(properties.OutputType, "Exe", StringComparison.OrdinalIgnoreCase))
            throw new ToolchainException($"{name} is a {(properties.OutputType.Length == 0 ? "Library" : properties.OutputType)}; sharprun needs a console application (<OutputType>Exe</OutputType>)");
    }

    private static string IlcPackageVersionMajor() => Compilation.IlcPackage.PinnedVersion.Split('.')[0];

    /// <summary>Builds the application with <see cref="PublishProperties"/>; on failure the exception carries the compiler's errors.</summary>
    public static void Build(string projectFile, StepLog log)
    {
        var result = ToolProcess.Run("dotnet",
            ["build", projectFile, .. PublishProperties, "-nologo", log.Verbose ? "-v:minimal" : "-v:quiet", "-clp:NoSummary"],
            Path.GetDirectoryName(projectFile)!, log.Echo);
        if (result.ExitCode != 0)
            throw new ToolchainException($"dotnet build failed for {projectFile}:\n{Errors(result.Output)}");
    }

    /// <summary>Builds a project in Release and returns its main output (the evaluated TargetPath after the build).</summary>
    public static string BuildAndLocateOutput(string projectFile, StepLog log)
    {
        var result = ToolProcess.Run("dotnet",
            ["build", projectFile, "-c", Configuration, "-nologo", "-getProperty:TargetPath", "-getTargetResult:Build"],
            Path.GetDirectoryName(projectFile)!, echo: null);
        if (result.ExitCode != 0)
            throw new ToolchainException($"dotnet build failed for {projectFile}:\n{Errors(result.Output)}");
        int json = JsonStart(result.Output);
        if (log.Echo is { } echo && json > 0)
            echo.Write(result.Output[..json]);
        return ReadProperties(result.Output, projectFile).GetValueOrDefault("TargetPath")
            ?? throw new ToolchainException($"dotnet build of {projectFile} did not report its TargetPath");
    }

    /// <summary>MSBuild prints the -getProperty JSON last, after any diagnostics.</summary>
    private static Dictionary<string, string> ReadProperties(string output, string projectFile)
    {
        int start = JsonStart(output);
        if (start < 0)
            throw new ToolchainException($"unexpected output from MSBuild for {projectFile}:\n{output}");
        try
        {
            using var document = JsonDocument.Parse(output[start..]);
            return document.RootElement.GetProperty("Properties").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ToolchainException($"unexpected output from MSBuild for {projectFile} ({e.Message}):\n{output}");
        }
    }

    /// <summary>Where the -getProperty JSON begins: the first line that is an opening brace; -1 when there is none.</summary>
    private static int JsonStart(string output) =>
        output.StartsWith('{') ? 0 : output.IndexOf("\n{", StringComparison.Ordinal) is var i and >= 0 ? i + 1 : -1;

    /// <summary>The error lines of MSBuild output (each once), or all of it when there are none to pick.</summary>
    private static string Errors(string output)
    {
        var errors = output.Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? string.Join('\n', errors) : output.TrimEnd();
    }
}
