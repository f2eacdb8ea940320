using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Factions;
using Sharprun.Toolchain.Inspection;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Factions;

/// <summary>Which kernel libraries an image links: the file PAL when the application names a file API or the image bakes files, else the empty root.</summary>
public sealed class KernelLibraryTests
{
    private static readonly HashSet<string> Nothing = [];

    [Fact]
    public void AnApplicationWithoutFilesGetsTheEmptyRoot()
    {
        var names = Names(KernelLibrary.NeededBy(Nothing, new HashSet<string> { "System.Console", "System.IO.Path::Combine", "System.IO.StreamReader::.ctor" }));
        Assert.Contains("Sharprun.EmptyRoot.Pal", names);
        Assert.DoesNotContain("Sharprun.Vfs.Pal", names);
    }

    [Theory]
    [InlineData("System.IO.File")]
    [InlineData("System.IO.FileStream")]
    [InlineData("System.IO.Enumeration.FileSystemEnumerable`1/FindTransform")]
    [InlineData("System.IO.Path::GetTempFileName")]
    [InlineData("System.IO.StreamWriter::.ctor(string)")]
    [InlineData("System.TimeZoneInfo")]
    public void AFileApiLinksTheFilePalInsteadOfTheEmptyRoot(string api)
    {
        var names = Names(KernelLibrary.NeededBy(Nothing, new HashSet<string> { api }));
        Assert.Contains("Sharprun.Vfs.Pal", names);
        Assert.DoesNotContain("Sharprun.EmptyRoot.Pal", names);
    }

    [Theory]
    [InlineData("System.IO.FileSystem.Watcher")]
    [InlineData("System.IO.FileSystem.DriveInfo")]
    public void AFileFrameworkAssemblyLinksTheFilePal(string assembly) =>
        Assert.Contains("Sharprun.Vfs.Pal", Names(KernelLibrary.NeededBy(new HashSet<string> { assembly }, Nothing)));

    [Fact]
    public void BakedFilesLinkTheFilePalWhateverTheApplicationNames()
    {
        var names = Names(KernelLibrary.NeededBy(Nothing, Nothing, bakesFiles: true));
        Assert.Contains(KernelLibrary.FilePal, names);
        Assert.DoesNotContain("Sharprun.EmptyRoot.Pal", names);
    }

    [Fact]
    public void AnApplicationThatNamesNoMathNorThreadsIsCompiledWithoutTheMathLibrary() =>
        Assert.DoesNotContain("Sharprun.Libm", Names(KernelLibrary.NeededBy(new HashSet<string> { "System.Console" }, new HashSet<string> { "System.Console", "System.String::Join" })));

    [Theory]
    [InlineData("System.Math")]
    [InlineData("System.MathF")]
    [InlineData("System.Threading.Tasks.Task")]
    [InlineData("System.Threading.Thread")]
    public void MathOrTheThreadPoolLinksTheMathLibraryUpFront(string api) =>
        Assert.Contains("Sharprun.Libm", Names(KernelLibrary.NeededBy(Nothing, new HashSet<string> { api })));

    [Fact]
    public void ALibraryAFirstCompileCalledForIsLinkedWhateverTheApplicationNames()
    {
        var names = Names(KernelLibrary.NeededBy(Nothing, Nothing, alsoLinked: ["Sharprun.Libm"]));
        Assert.Contains("Sharprun.Libm", names);
        Assert.All(KernelLibrary.All.Where(library => library.LinkedOnDemand), library => Assert.NotNull(library.CoreLibApis));
    }

    [Fact]
    public void EveryLibraryWithAStandInHasOne()
    {
        foreach (var library in KernelLibrary.All.Where(l => l.StandsInFor is not null))
            Assert.Contains(KernelLibrary.All, other => other.Assembly == library.StandsInFor);
    }

    [Fact]
    public void ReferencesAreReadFromTheApplicationsAssemblies()
    {
        var layout = RepositoryLayout.Locate();
        var log = new StepLog(TextWriter.Null, verbose: false);
        string hello = DotnetProject.BuildAndLocateOutput(Path.Combine(layout.Root, "images", "hello", "hello.csproj"), log);
        string files = DotnetProject.BuildAndLocateOutput(Path.Combine(layout.Root, "qemu-tests", "Images", "files", "files.csproj"), log);
        Assert.DoesNotContain("Sharprun.Vfs.Pal", Names(KernelLibrary.NeededBy(Nothing, ReferencedApis.Of([hello]))));
        var referenced = ReferencedApis.Of([files]);
        Assert.Contains("System.IO.File", referenced);
        Assert.Contains("System.IO.StreamReader::.ctor(string)", referenced);
        Assert.Contains("Sharprun.Vfs.Pal", Names(KernelLibrary.NeededBy(Nothing, referenced)));
    }

    private static List<string> Names(IReadOnlyList<KernelLibrary> libraries) => libraries.Select(l => l.Assembly).ToList();
}
