using Sharprun.Toolchain.Inspection;
using Xunit;

namespace Sharprun.Toolchain.Tests.Inspection;

public sealed class UnavailableImportReportTests
{
    private static readonly FrameworkImportCatalogue Catalogue = new(
    [
        new FrameworkImport("SystemNative_Select", "libSystem.Native", ["System.Net.Sockets"]),
        new FrameworkImport("SystemNative_SendFile", "libSystem.Native", ["System.Net.Sockets"]),
        new FrameworkImport("SystemNative_Kill", "libSystem.Native", ["System.Diagnostics.Process"]),
        new FrameworkImport("SystemNative_Brand_New", "libSystem.Native", ["System.Private.CoreLib"]),
    ]);

    [Fact]
    public void UndefinedSymbolsAreSortedIntoReportedUnclassifiedAndOthers()
    {
        var findings = UnavailableImportFindings.Classify(["SystemNative_Select", "RhpKernelBug", "SystemNative_Brand_New", "SystemNative_SendFile", "SystemNative_Select"], Catalogue);
        Assert.Equal(["SystemNative_Select", "SystemNative_SendFile"], findings.Reported.Select(c => c.Import.EntryPoint));
        Assert.Equal(["SystemNative_Brand_New"], findings.Unclassified.Select(c => c.Import.EntryPoint));
        Assert.Equal(["RhpKernelBug"], findings.Others);
        Assert.Equal(
            "System.Net.Sockets: this part of networking is not available (connectx, disconnect, select, sendfile, raw options, the ICMP error queue, multicast membership, Unix domain sockets) (SystemNative_Select is not provided by the Sharprun kernel)",
            findings.StubMessages()["SystemNative_Select"]);
    }

    [Fact]
    public void UnclassifiedImportsAreNamedWithTheirLibraryAndAssembly()
    {
        var findings = UnavailableImportFindings.Classify(["SystemNative_Brand_New"], Catalogue);
        string message = findings.DescribeUnclassified();
        Assert.Contains("not yet classified", message);
        Assert.Contains("UnavailableImportRules.cs", message);
        Assert.Contains("libSystem.Native!SystemNative_Brand_New, declared in System.Private.CoreLib", message);
    }

    [Fact]
    public void OneWarningPerAreaNamesTheMethodsAndShortensLongLists()
    {
        var report = new UnavailableImportReport(
        [
            new ReportedArea(UnavailableImportRules.Sockets, ["A", "B", "C", "D", "E"], ["Program.Main"], null),
            new ReportedArea(new UnavailableArea("System.Net.Security", "TLS is not available"), ["S"], ["App.Client.Get", "Program.Main"], "System.Net.Http"),
            new ReportedArea(new UnavailableArea("signals", "POSIX signals are not available"), ["P"], [], null),
        ], []);
        Assert.Equal(
        [
            "sharprun: warning: the application uses framework areas the Sharprun kernel does not provide; calls into them throw PlatformNotSupportedException:",
            "sharprun: warning:   System.Net.Sockets: this part of networking is not available (connectx, disconnect, select, sendfile, raw options, the ICMP error queue, multicast membership, Unix domain sockets). Reached from Program.Main; entry points A, B, C and 2 more.",
            "sharprun: warning:   System.Net.Security: TLS is not available. Reached from App.Client.Get, Program.Main through System.Net.Http; entry points S.",
            "sharprun: warning:   signals: POSIX signals are not available. Reached inside the framework; entry points P.",
        ], report.Lines());
    }

    [Fact]
    public void AnEmptyReportSaysEverythingIsProvided() =>
        Assert.Equal(["sharprun: note: every framework area the application uses is provided"], new UnavailableImportReport([], []).Lines());

    [Fact]
    public void TheCacheRoundTripsAndRejectsMalformedLines()
    {
        var lines = FrameworkImportCache.Format(Catalogue).ToList();
        Assert.Contains("SystemNative_Select\tlibSystem.Native\tSystem.Net.Sockets", lines);
        var parsed = FrameworkImportCache.Parse(lines)!;
        Assert.Equal(Catalogue.Imports.Count, parsed.Imports.Count);
        Assert.Equal(["System.Net.Sockets"], parsed.Find("SystemNative_SendFile")!.Assemblies);

        Assert.Null(FrameworkImportCache.Parse([]));
        Assert.Null(FrameworkImportCache.Parse(["SystemNative_Socket\tlibSystem.Native"]));
        Assert.Null(FrameworkImportCache.Parse(["SystemNative_Socket\tlibfoo\tSystem.Net.Sockets"]));
        Assert.Null(FrameworkImportCache.Parse(["SystemNative_Socket\tlibSystem.Native\tA,,B"]));
        Assert.Null(FrameworkImportCache.Parse(["X\tlibSystem.Native\tA", "X\tlibSystem.Native\tB"]));
    }
}
