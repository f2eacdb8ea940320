using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Compilation;

/// <summary>
/// The shared frameworks a project's FrameworkReference items name, and the runtime pack folders ILC compiles them
/// from, as a PublishAot publish does: Microsoft.NETCore.App (always) and Microsoft.AspNetCore.App (Web SDK
/// projects). Any other (Microsoft.WindowsDesktop.App) has no pack here; a project naming one is refused before it is
/// built, since compiling without its assemblies makes an image that fails when it first loads one of them.
/// </summary>
public static class SharedFrameworks
{
    public const string NetCore = "Microsoft.NETCore.App";
    public const string AspNetCore = "Microsoft.AspNetCore.App";

    public static readonly IReadOnlyList<string> Supplied = [NetCore, AspNetCore];

    /// <summary>Throws, naming each, when the project references a shared framework the toolchain cannot supply.</summary>
    public static void RequireSupplied(IReadOnlyList<string> frameworkReferences, string projectFile)
    {
        var unsupplied = frameworkReferences
            .Where(reference => !Supplied.Contains(reference, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (unsupplied.Count == 0)
            return;
        string names = string.Join(", ", unsupplied);
        throw new ToolchainException(
            $"{Path.GetFileName(projectFile)} references the shared framework{(unsupplied.Count > 1 ? "s" : "")} {names} (FrameworkReference), " +
            $"which sharprun cannot supply: images are built for linux-x64 with {string.Join(" and ", Supplied)} only");
    }

    /// <summary>The folders of framework assemblies ILC is given, Microsoft.NETCore.App's first.</summary>
    public static IReadOnlyList<string> Directories(IReadOnlyList<string> frameworkReferences, IlcPackage package) =>
        frameworkReferences.Contains(AspNetCore, StringComparer.OrdinalIgnoreCase)
            ? [package.FrameworkDirectory, package.AspNetCoreFrameworkDirectory]
            : [package.FrameworkDirectory];
}
