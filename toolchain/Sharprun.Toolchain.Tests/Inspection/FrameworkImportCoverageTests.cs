using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Compilation;
using Sharprun.Toolchain.Factions;
using Sharprun.Toolchain.Inspection;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Inspection;

/// <summary>
/// Every native import of the pinned framework into its own libraries is either provided (the kernel's,
/// the platform's and the optional kernel libraries' exports, or the archives those link) or reported by a rule:
/// a new framework version that adds an entry point fails here until the rules or the kernel cover it.
/// </summary>
public sealed class FrameworkImportCoverageTests
{
    [Fact]
    public void EveryFrameworkImportIsProvidedOrReported()
    {
        var layout = RepositoryLayout.Locate();
        var log = new StepLog(TextWriter.Null, verbose: false);
        var package = IlcPackage.Locate(layout, log);
        var catalogue = FrameworkImportCatalogue.Read(FrameworkImportCache.FrameworkAssemblies(package));
        foreach (var library in FrameworkImportCatalogue.NativeLibraries)
            Assert.Contains(catalogue.Imports, i => i.Library == library);
        Assert.Contains(catalogue.Imports, i => i.EntryPoint == "SystemNative_Socket" && i.Assemblies.Contains("System.Net.Sockets"));

        string kernel = DotnetProject.BuildAndLocateOutput(layout.KernelProject, log);
        var exports = new List<string>();
        exports.AddRange(KernelExports.Read(kernel));
        exports.AddRange(KernelExports.Read(Path.Combine(Path.GetDirectoryName(kernel)!, IlcFlags.PlatformAssembly + ".dll")));
        foreach (var library in KernelLibrary.All)
            exports.AddRange(KernelExports.Read(DotnetProject.BuildAndLocateOutput(Path.Combine(layout.Root, library.Project), log)));
        Assert.Contains("SystemNative_Write", exports);
        var archives = KernelLibrary.All.SelectMany(l => l.NativeArchives).Distinct()
            .Select(name => ArchiveReader.Read(Path.Combine(package.SdkDirectory, name)))
            .ToList();
        var provided = exports.Concat(catalogue.Imports.Select(i => i.EntryPoint).Where(e => archives.Any(a => a.FindDefinition(e) is not null)))
            .ToHashSet();

        var classified = catalogue.Imports.Select(i => ImportClassification.Of(i, provided)).ToList();
        var unclassified = classified.Where(c => c.Status == ImportStatus.Unclassified)
            .Select(c => $"{c.Import.Library}!{c.Import.EntryPoint} ({string.Join(", ", c.Import.Assemblies)})")
            .Order()
            .ToList();
        Assert.True(unclassified.Count == 0,
            $"{unclassified.Count} framework imports are neither provided by the kernel nor classified in UnavailableImportRules:\n" + string.Join("\n", unclassified));
        Assert.Contains(classified, c => c.Status == ImportStatus.Provided);
    }
}
