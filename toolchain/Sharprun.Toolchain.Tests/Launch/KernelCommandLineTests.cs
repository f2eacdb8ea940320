using System;
using System.Collections.Generic;
using System.Text;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public class KernelCommandLineTests
{
    [Fact]
    public void NoArgumentsGiveAnEmptyCommandLine() => Assert.Equal("", KernelCommandLine.Encode([]));

    [Fact]
    public void EachArgumentIsQuotedAndSpaceSeparated() =>
        Assert.Equal("\"a\" \"b c\" \"\"", KernelCommandLine.Encode(["a", "b c", ""]));

    [Fact]
    public void QuotesAndBackslashesAreEscaped() =>
        Assert.Equal("\"say \\\"hi\\\"\" \"C:\\\\x\\\\\"", KernelCommandLine.Encode(["say \"hi\"", "C:\\x\\"]));

    [Fact]
    public void OtherCharactersStandForThemselves() =>
        Assert.Equal("\"ünï cödé\" \"tab\there\" \"line\nbreak\" \"'single'\" \"$HOME\"",
            KernelCommandLine.Encode(["ünï cödé", "tab\there", "line\nbreak", "'single'", "$HOME"]));

    [Fact]
    public void KernelOptionsComeFirstEndedBySeparator() =>
        Assert.Equal("gc.verify gc.trace -- \"a\"", KernelCommandLine.Encode(["gc.verify", "gc.trace"], [], ["a"]));

    [Fact]
    public void KernelOptionsWithoutArgumentsStillEndWithTheSeparator() =>
        Assert.Equal("gc.trace --", KernelCommandLine.Encode(["gc.trace"], [], []));

    [Fact]
    public void NoKernelOptionsLeaveTheArgumentsAlone() =>
        Assert.Equal("\"a\"", KernelCommandLine.Encode([], [], ["a"]));

    [Theory]
    [InlineData("")]
    [InlineData("--")]
    [InlineData("two words")]
    [InlineData("quo\"te")]
    [InlineData("back\\slash")]
    [InlineData("env")]
    public void MalformedKernelOptionsAreRefused(string option) =>
        Assert.Throws<ArgumentException>(() => KernelCommandLine.Encode([option], [], []));

    [Fact]
    public void EnvironmentVariablesFollowTheEnvOptionQuotedLikeArguments() =>
        Assert.Equal("gc.trace env \"A=1\" \"B=x \\\"y\\\" \\\\\" \"C=\" -- \"a\"",
            KernelCommandLine.Encode(["gc.trace"], ["A=1", "B=x \"y\" \\", "C="], ["a"]));

    [Fact]
    public void EnvironmentAloneStillEndsWithTheSeparator() =>
        Assert.Equal("env \"A=1\" --", KernelCommandLine.Encode([], ["A=1"], []));

    [Theory]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    public void MalformedEnvironmentVariablesAreRefused(string variable) =>
        Assert.Throws<ArgumentException>(() => KernelCommandLine.Encode([], [variable], []));

    [Fact]
    public void NulIsRefused() => Assert.Throws<ArgumentException>(() => KernelCommandLine.Encode(["a\0b"]));

    [Theory]
    [InlineData(new object[] { new[] { "" } })]
    [InlineData(new object[] { new[] { "\\", "\"", "\\\"", "\"\\" } })]
    [InlineData(new object[] { new[] { "  leading", "trailing  ", " " } })]
    [InlineData(new object[] { new[] { "日本語", "emoji 🚀", "--flag=value" } })]
    public void DecodingTheEncodingGivesTheArgumentsBack(string[] arguments) =>
        Assert.Equal(arguments, Decode(KernelCommandLine.Encode(arguments)));

    [Theory]
    [InlineData("bare")]
    [InlineData("\"open")]
    [InlineData("\"bad \\n escape\"")]
    [InlineData("\"a\"\"b\"")]
    public void TheReferenceDecoderRejectsWhatTheFormatForbids(string commandLine) =>
        Assert.Throws<FormatException>(() => Decode(commandLine));

    /// <summary>A decoder written from the format in <see cref="KernelCommandLine"/>'s documentation, as the kernel's must be.</summary>
    private static List<string> Decode(string commandLine)
    {
        var arguments = new List<string>();
        int i = 0;
        while (i < commandLine.Length)
        {
            if (commandLine[i] == ' ')
            {
                i++;
                continue;
            }
            if (commandLine[i] != '"')
                throw new FormatException($"unquoted token at {i}");
            var argument = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= commandLine.Length)
                    throw new FormatException("unterminated quote");
                char c = commandLine[i++];
                if (c == '"')
                    break;
                if (c == '\\')
                {
                    if (i >= commandLine.Length || commandLine[i] is not ('"' or '\\'))
                        throw new FormatException($"bad escape at {i}");
                    c = commandLine[i++];
                }
                argument.Append(c);
            }
            if (i < commandLine.Length && commandLine[i] != ' ')
                throw new FormatException($"no space after argument at {i}");
            arguments.Add(argument.ToString());
        }
        return arguments;
    }
}
