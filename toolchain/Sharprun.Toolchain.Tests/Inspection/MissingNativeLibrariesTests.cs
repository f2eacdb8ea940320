using Sharprun.Toolchain.Inspection;
using Xunit;

namespace Sharprun.Toolchain.Tests.Inspection;

public sealed class MissingNativeLibrariesTests
{
    private static readonly NativeImport[] Declared =
    [
        new("Spectre.Console", "kernel32.dll", "GetConsoleMode", "Spectre.Console.AnsiDetector.Windows.GetConsoleMode", ["Spectre.Console.AnsiDetector.Windows.SupportsAnsi"]),
        new("Spectre.Console", "kernel32.dll", "GetStdHandle", "Spectre.Console.AnsiDetector.Windows.GetStdHandle", ["Spectre.Console.AnsiDetector.Windows.SupportsAnsi"]),
        new("Tool", "kernel32.dll", "GetConsoleMode", "Tool.Native.GetConsoleMode", []),
        new("Tool", "libSystem.Native", "SystemNative_GetPid", "Tool.Native.GetPid", ["Program.Main"]),
        new("Tool", "libgone", "gone", "Tool.Native.Gone", ["Program.Main"]),
    ];

    [Fact]
    public void OneLibraryPerNameWithTheCompiledEntryPointsAndTheirCallers()
    {
        var libraries = MissingNativeLibraries.Find(
            [new("kernel32.dll", "GetStdHandle"), new("kernel32.dll", "GetConsoleMode"), new("libSystem.Native", "SystemNative_GetPid"), new("libz", "crc32")],
            Declared);

        Assert.Equal(2, libraries.Count);
        var kernel32 = libraries[0];
        Assert.Equal("kernel32.dll", kernel32.Library);
        Assert.Equal(["GetConsoleMode", "GetStdHandle"], kernel32.EntryPoints);
        // A declaration nobody in its assembly calls is named itself.
        Assert.Equal(["Spectre.Console.AnsiDetector.Windows.SupportsAnsi (Spectre.Console)", "Tool.Native.GetConsoleMode (Tool)"], kernel32.ReachedFrom);
        // Compiled, declared by no application assembly: the framework's own.
        Assert.Equal("libz", libraries[1].Library);
        Assert.Equal(["crc32"], libraries[1].EntryPoints);
        Assert.Empty(libraries[1].ReachedFrom);
    }

    [Fact]
    public void DeclaredButNotCompiledIsNotMentioned() =>
        Assert.Empty(MissingNativeLibraries.Find([new("libSystem.Native", "SystemNative_GetPid")], Declared));

    [Fact]
    public void EachLibraryIsOneWarningNamingEveryEntryPoint()
    {
        var report = new UnavailableImportReport([],
        [
            new MissingNativeLibrary("kernel32.dll", ["GetConsoleMode", "GetStdHandle", "SetConsoleMode", "WriteConsoleW"], ["Spectre.Console.AnsiDetector.Windows.SupportsAnsi (Spectre.Console)"]),
            new MissingNativeLibrary("libz", ["crc32"], []),
        ]);
        Assert.False(report.IsEmpty);
        Assert.Equal(
        [
            "sharprun: warning: native library 'kernel32.dll' is not provided by the Sharprun kernel: calls of GetConsoleMode, GetStdHandle, SetConsoleMode, WriteConsoleW " +
            "throw DllNotFoundException, as on Linux without it. Called from Spectre.Console.AnsiDetector.Windows.SupportsAnsi (Spectre.Console).",
            "sharprun: warning: native library 'libz' is not provided by the Sharprun kernel: calls of crc32 throw DllNotFoundException, as on Linux without it. " +
            "Called inside the framework.",
        ], report.Lines());
    }

    [Fact]
    public void StrictRefusalNamesEachLibraryAndTheWayOut()
    {
        string message = MissingNativeLibraries.DescribeStrictRefusal([new MissingNativeLibrary("libfoo", ["foo_add"], ["Program.Main (App)"])]);
        Assert.Equal(
            "the application calls native libraries the Sharprun kernel does not provide (it provides only libSystem.Native), and --strict refuses them:\n" +
            "  native library 'libfoo' is not provided by the Sharprun kernel: calls of foo_add throw DllNotFoundException, as on Linux without it. Called from Program.Main (App).\n" +
            "Remove these P/Invokes or replace them with managed code; without --strict the build warns and the calls throw DllNotFoundException.",
            message.ReplaceLineEndings("\n"));
    }
}
