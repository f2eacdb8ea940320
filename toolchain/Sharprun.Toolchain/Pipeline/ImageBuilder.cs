using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Compilation;
using Sharprun.Toolchain.Factions;
using Sharprun.Toolchain.Inspection;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.LowLevel;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// The build pipeline: app → inspection → kernel → ILC → low-level stubs → link → image and map.
/// Each step is timed on the <see cref="StepLog"/>; any failure is a <see cref="ToolchainException"/>.
/// </summary>
public sealed class ImageBuilder
{
    public const ulong BaseAddress = 0x100000;

    private readonly RepositoryLayout _layout;
    private readonly StepLog _log;

    public ImageBuilder(RepositoryLayout layout, StepLog log)
    {
        _layout = layout;
        _log = log;
    }

    /// <summary>
    /// True when the image exists, unchanged, and nothing it is built from changed since (see <see cref="InputFingerprint"/>):
    /// building again would make the same image.
    /// </summary>
    public bool IsUpToDate(ProjectLocation project, BuildSettings settings) =>
        InputFingerprint.Matches(settings.Image, InputFingerprint.Compute(project, _layout, settings));

    /// <summary>Builds the image (whether or not it is up to date) and returns its size in bytes.</summary>
    public long Build(ProjectLocation project, BuildSettings settings)
    {
        using var buildLock = ProjectBuildLock.Acquire(project, _log);
        string fingerprint = InputFingerprint.Compute(project, _layout, settings);
        var (compiled, stubs, archives, unavailable) = CompileAndInspect(project, settings);
        if (settings.Strict && unavailable.Report.Libraries.Count > 0)
            throw new ToolchainException(MissingNativeLibraries.DescribeStrictRefusal(unavailable.Report.Libraries));
        PrintReport(unavailable);
        IReadOnlyList<ObjectFile> objects = unavailable.Reported.Count == 0
            ? [compiled, stubs]
            : [compiled, stubs, UnavailableImportStubs.Build(unavailable.StubMessages())];

        var link = _log.Step("link", () =>
        {
            try
            {
                return ElfLinker.Link(new LinkOptions
                {
                    Objects = objects,
                    Archives = archives,
                    PvhEntrySymbol = BaremetalStubs.PvhEntrySymbol,
                    // Xen starts guests through the PVH note only; a multiboot2 loader would find no Xen.
                    Multiboot2EntrySymbol = settings.Platform == "xen" ? null : BaremetalStubs.Multiboot2EntrySymbol,
                    Strip = settings.Strip,
                    BaseAddress = BaseAddress,
                });
            }
            catch (LinkException e)
            {
                throw new ToolchainException("link failed: " + e.Message);
            }
        });

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Image))!);
        File.WriteAllBytes(settings.Image, link.Image);
        File.WriteAllText(MapFile(settings.Image), link.Map);
        InputFingerprint.Store(settings.Image, fingerprint);
        _log.Note("image", $"{settings.Image} ({FormatSize(link.Image.Length)})");
        return link.Image.Length;
    }

    /// <summary>
    /// <c>build --check</c>: the pipeline up to ILC and the classification of what the link would leave undefined,
    /// no image. Prints the report; returns whether it reports anything (a framework area, a native library).
    /// </summary>
    public bool Check(ProjectLocation project, BuildSettings settings)
    {
        using var buildLock = ProjectBuildLock.Acquire(project, _log);
        var unavailable = CompileAndInspect(project, settings).Unavailable;
        PrintReport(unavailable);
        return !unavailable.Report.IsEmpty;
    }

    /// <summary>
    /// Everything before the link: the app and kernel compiled by ILC, the stubs, the archives, and what the kernel
    /// lacks: framework imports, and native libraries that compiled P/Invokes call.
    /// </summary>
    private (ObjectFile Compiled, ObjectFile Stubs, IReadOnlyList<ObjectArchive> Archives, UnavailableImportFindings Unavailable) CompileAndInspect(ProjectLocation project, BuildSettings settings)
    {
        var (properties, runtimeOptions) = _log.Step("build app", () =>
        {
            var evaluated = DotnetProject.Evaluate(project.ProjectFile, _log);
            DotnetProject.RequireSupportedExecutable(evaluated, project.ProjectFile);
            SharedFrameworks.RequireSupplied(evaluated.FrameworkReferences, project.ProjectFile);
            DotnetProject.Build(project.ProjectFile, _log);
            return File.Exists(evaluated.TargetPath)
                ? (evaluated, DotnetProject.EvaluateRuntimeHostOptions(project.ProjectFile))
                : throw new ToolchainException($"dotnet build succeeded but {evaluated.TargetPath} is missing");
        });
        string application = properties.TargetPath;
        if (!properties.InvariantGlobalization)
            _log.Note("note", DotnetProject.InvariantGlobalizationNote);
        var dependencies = ApplicationDependencies(application);
        var content = _log.Step("content", () => ProjectContent.Collect(project.ProjectFile, properties.UsesStaticWebAssets));

        var package = IlcPackage.Locate(_layout, _log);
        var frameworkDirectories = SharedFrameworks.Directories(properties.FrameworkReferences, package);
        var referencedApis = ReferencedApis.Of([application, .. dependencies]);
        var closure = FrameworkClosure.Of([application, .. dependencies], frameworkDirectories);
        bool bakesFiles = content.Count > 0 || settings.Files.Count > 0;
        var kernelLibraries = KernelLibrary.NeededBy(closure, referencedApis, bakesFiles);
        string objectPath = Path.Combine(project.IntermediateDirectory, project.Name + ".o");
        while (true)
        {
            var linked = kernelLibraries;
            var kernelAssemblies = _log.Step("build kernel", () => BuildKernel(settings.Platform, linked));
            _log.Step("compile", () =>
                IlcCompiler.Compile(package, new IlcInputs(application, dependencies, frameworkDirectories, kernelAssemblies, objectPath, linked, runtimeOptions), _log));

            var stubs = _log.Step("stubs", () =>
            {
                var built = settings.Platform == "xen" ? LowLevel.Xen.XenStubs.Build() : BaremetalStubs.Build();
                built.AddSection(Launch.ImagePlatform.NoteSection(settings.Platform, linked.Select(library => library.Assembly)));
                BakedEnvironment.AddTo(built, settings.Environment);
                ProgramPath.AddTo(built, ImageFiles.ProcessPath(Path.GetFileNameWithoutExtension(application)));
                if (linked.Any(library => library.Assembly == KernelLibrary.FilePal))
                    BakedFiles.AddTo(built, BakeFiles(content, settings.Files, referencedApis));
                return built;
            });

            var archives = NativeArchives(package, linked);
            var compiled = ReadCompiled(objectPath);
            var unresolved = UnresolvedSymbols.Of([compiled, stubs], archives);
            var onDemand = LibrariesCalledFor(unresolved, linked);
            if (onDemand.Count > 0)
            {
                foreach (var (library, symbols) in onDemand)
                    _log.Note("note", $"the compiled code calls {string.Join(", ", symbols.Take(4))}{(symbols.Count > 4 ? $" and {symbols.Count - 4} more" : "")}, which {library.Assembly} provides: compiling again with it");
                kernelLibraries = KernelLibrary.NeededBy(closure, referencedApis, bakesFiles,
                    [.. linked.Select(library => library.Assembly), .. onDemand.Select(pair => pair.Library.Assembly)]);
                continue;
            }
            var unavailable = _log.Step("imports", () => UnavailableImportFindings.Find(
                unresolved,
                FrameworkImportCache.Load(package),
                [application, .. dependencies],
                [.. frameworkDirectories, package.SdkDirectory],
                FindMissingLibraries(compiled, IlcCompiler.MethodStatistics(objectPath), [application, .. dependencies])));
            if (unavailable.Unclassified.Count > 0)
                throw new ToolchainException(unavailable.DescribeUnclassified());
            return (compiled, stubs, archives, unavailable);
        }
    }

    /// <summary>
    /// The libraries linked on demand (<see cref="KernelLibrary.LinkedOnDemand"/>) that are not linked and export
    /// symbols the compiled code left undefined, with those symbols.
    /// </summary>
    private List<(KernelLibrary Library, List<string> Symbols)> LibrariesCalledFor(IReadOnlyList<string> unresolved, IReadOnlyList<KernelLibrary> linked)
    {
        var found = new List<(KernelLibrary, List<string>)>();
        if (unresolved.Count == 0)
            return found;
        foreach (var library in KernelLibrary.All.Where(library => library.LinkedOnDemand && !linked.Contains(library)))
        {
            var exports = KernelExports.Read(DotnetProject.BuildAndLocateOutput(Path.Combine(_layout.Root, library.Project), _log)).ToHashSet(StringComparer.Ordinal);
            var called = unresolved.Where(exports.Contains).ToList();
            if (called.Count > 0)
                found.Add((library, called));
        }
        return found;
    }

    /// <summary>The archive of <see cref="ImageFiles"/>; the tz database only for an application that uses TimeZoneInfo.</summary>
    private byte[] BakeFiles(IReadOnlyList<ProjectContent.Item> content, IReadOnlyList<BakedFileMapping> mappings, IReadOnlySet<string> referencedApis)
    {
        bool timeZones = ReferencedApis.AnyOf(referencedApis, ["System.TimeZoneInfo"]);
        if (timeZones && !HostZoneInfo.IsAvailable)
            _log.Note("warning", HostZoneInfo.MissingWarning);
        var tree = ImageFiles.Collect(content, mappings, timeZones && HostZoneInfo.IsAvailable);
        byte[] archive = tree.ToArchive();
        _log.Note("files", $"{tree.Count} baked paths ({FormatSize(archive.Length)}){(timeZones ? ", the tz database included" : "")}");
        return archive;
    }

    private static ObjectFile ReadCompiled(string objectPath)
    {
        try
        {
            return ElfObjectReader.Read(objectPath);
        }
        catch (ElfFormatException e)
        {
            throw new ToolchainException($"cannot read ILC's object {objectPath}: {e.Message}");
        }
    }

    private void PrintReport(UnavailableImportFindings unavailable)
    {
        foreach (var line in unavailable.Report.Lines())
            _log.Line(line);
    }

    /// <summary>The runtime pack's archives the kernel libraries wrap, read from its native folder.</summary>
    private static List<ObjectArchive> NativeArchives(IlcPackage package, IReadOnlyList<KernelLibrary> libraries)
    {
        var archives = new List<ObjectArchive>();
        foreach (string name in libraries.SelectMany(library => library.NativeArchives).Distinct(StringComparer.Ordinal))
        {
            string path = Path.Combine(package.SdkDirectory, name);
            try
            {
                archives.Add(ArchiveReader.Read(path));
            }
            catch (Exception e) when (e is ArchiveFormatException or IOException)
            {
                throw new ToolchainException($"cannot read the native archive {path}: {e.Message}");
            }
        }
        return archives;
    }

    public static string MapFile(string image) => Path.ChangeExtension(image, ".map");

    /// <summary>The assemblies the application ships with: every other .dll of its output folder.</summary>
    private static List<string> ApplicationDependencies(string application) =>
        Directory.GetFiles(Path.GetDirectoryName(application)!, "*.dll")
            .Where(p => !string.Equals(p, application, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The libraries the kernel lacks that ILC compiled P/Invokes into (the application's declarations name the
    /// compiled methods that call them). ILC binds them lazily, so a call goes to the kernel's dlopen, which fails as
    /// Linux's does for a missing file, and the runtime throws DllNotFoundException.
    /// </summary>
    private static IReadOnlyList<MissingNativeLibrary> FindMissingLibraries(ObjectFile compiled, string methodStatistics, IReadOnlyList<string> assemblies)
    {
        try
        {
            var imports = CompiledNativeImports.Read(compiled);
            if (imports.All(import => ProvidedNativeLibraries.Provides(import.Library)))
                return [];
            var compiledMethods = CompiledMethods.Read(methodStatistics);
            return MissingNativeLibraries.Find(imports, assemblies.SelectMany(assembly => PInvokeInspector.FindImports(assembly, compiledMethods)).ToList());
        }
        catch (InvalidDataException e)
        {
            throw new ToolchainException($"cannot read the P/Invokes ILC compiled: {e.Message}");
        }
        catch (Exception e) when (e is BadImageFormatException or IOException)
        {
            throw new ToolchainException($"cannot inspect the application's assemblies: {e.Message}");
        }
    }

    /// <summary>
    /// Builds the kernel for the platform; returns Sharprun.Kernel.dll, Sharprun.Hypercall.dll and the assemblies of
    /// the optional kernel libraries.
    /// </summary>
    private IReadOnlyList<string> BuildKernel(string platform, IReadOnlyList<KernelLibrary> libraries)
    {
        if (platform is not ("baremetal" or "xen"))
            throw new ToolchainException($"platform '{platform}' is not supported yet");
        string kernel = DotnetProject.BuildAndLocateOutput(_layout.KernelProject, _log);
        // The kernel is compiled against the bare-metal platform; another platform's assembly has the same name and
        // public surface, and ILC binds the kernel to whichever Sharprun.Hypercall.dll it is given.
        string hypercall = platform == "baremetal"
            ? Path.Combine(Path.GetDirectoryName(kernel)!, IlcFlags.PlatformAssembly + ".dll")
            : DotnetProject.BuildAndLocateOutput(Path.Combine(_layout.Root, "hypercall-xen", "Sharprun.Hypercall.Xen.csproj"), _log);
        var optional = new List<string>();
        foreach (var library in libraries)
        {
            string output = DotnetProject.BuildAndLocateOutput(Path.Combine(_layout.Root, library.Project), _log);
            optional.Add(output);
            optional.AddRange(library.Companions.Select(companion => Path.Combine(Path.GetDirectoryName(output)!, companion + ".dll")));
        }
        string[] assemblies = [kernel, hypercall, .. optional.Distinct(StringComparer.Ordinal)];
        foreach (var path in assemblies)
        {
            if (!File.Exists(path))
                throw new ToolchainException($"the kernel build did not produce {path}");
        }
        return assemblies;
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1 << 10 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes + " bytes",
    };
}
