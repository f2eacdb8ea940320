using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Kernel.Environment;
using Sharprun.Kernel.Startup;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Kernel.Tests.Startup;

/// <summary>The environment's tokens as the kernel decodes them from the command line and from an image's baked defaults.</summary>
public sealed class EnvironmentTokensTests
{
    private sealed record Decoded(int Count, List<string> Variables, string? Error, string Culprit, int End);

    private static Decoded Decode(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var output = new byte[bytes.Length];
        int index = 0, written = 0;
        int count = EnvironmentTokens.Decode(bytes, ref index, output, ref written, out string? error, out System.Range culprit);
        var variables = Encoding.UTF8.GetString(output, 0, written).Split('\0').SkipLast(1).ToList();
        return new Decoded(count, variables, error, count < 0 ? Encoding.UTF8.GetString(bytes[culprit]) : "", index);
    }

    /// <summary>What the environment would be: decode, then drop what later definitions override.</summary>
    private static List<string> Environment(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var output = new byte[bytes.Length];
        int index = 0, written = 0;
        int count = EnvironmentTokens.Decode(bytes, ref index, output, ref written, out string? error, out _);
        Assert.True(count >= 0, error);
        var starts = new int[count];
        EnvironmentTokens.FindStarts(output.AsSpan(0, written), starts, count);
        int kept = EnvironmentTokens.RemoveOverridden(output.AsSpan(0, written), starts, count);
        return starts.Take(kept).Select(s => Encoding.UTF8.GetString(output, s, System.Array.IndexOf(output, (byte)0, s) - s)).ToList();
    }

    [Fact]
    public void QuotedVariablesAreDecoded()
    {
        var decoded = Decode(" \"A=1\"  \"B=x \\\"y\\\" \\\\z\" \"E=\" \"Q=a=b\" \"ü=ñ\"");
        Assert.Equal(5, decoded.Count);
        Assert.Equal(["A=1", "B=x \"y\" \\z", "E=", "Q=a=b", "ü=ñ"], decoded.Variables);
    }

    [Fact]
    public void NothingToDecodeIsNoVariables() => Assert.Equal(0, Decode("").Count);

    [Fact]
    public void DecodingStopsAtTheFirstUnquotedWord()
    {
        var decoded = Decode(" \"A=1\" gc.trace \"B=2\"");
        Assert.Equal(1, decoded.Count);
        Assert.Equal(7, decoded.End);
    }

    [Theory]
    [InlineData("\"NOEQUALS\"", "no '='")]
    [InlineData("\"A=1\" \"=value\"", "empty name")]
    [InlineData("\"=\"", "empty name")]
    [InlineData("\"\"", "no '='")]
    [InlineData("\"A=1", "unterminated quote")]
    [InlineData("\"A=1\\", "escapes neither")]
    [InlineData("\"A=\\n\"", "escapes neither")]
    [InlineData("\"A=1\"\"B=2\"", "not followed by a space")]
    [InlineData("\"A=1\"x", "not followed by a space")]
    public void MalformedVariablesAreRefusedWithTheTokenNamed(string text, string message)
    {
        var decoded = Decode(text);
        Assert.Equal(-1, decoded.Count);
        Assert.Contains(message, decoded.Error);
        Assert.NotEqual("", decoded.Culprit);
        Assert.StartsWith("\"", decoded.Culprit);
    }

    [Fact]
    public void AnOutputTooSmallIsAnErrorNotAnOverrun()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("\"LONG=value\"");
        var output = new byte[4];
        int index = 0, written = 0;
        Assert.Equal(-1, EnvironmentTokens.Decode(bytes, ref index, output, ref written, out string? error, out _));
        Assert.Contains("does not fit", error);
    }

    [Fact]
    public void LaterDefinitionsOverrideEarlierOnes() =>
        Assert.Equal(["B=2", "C=3", "A=last"], Environment("\"A=1\" \"B=2\" \"A=2\" \"C=3\" \"A=last\""));

    [Fact]
    public void KeysMatchWholly() => Assert.Equal(["AB=1", "A=2", "ABC=3"], Environment("\"AB=1\" \"A=2\" \"ABC=3\""));

    [Theory]
    [InlineData(new object[] { new[] { "A=1" } })]
    [InlineData(new object[] { new[] { "PATH=/bin:/usr/bin", "QUOTE=say \"hi\"", "SLASH=C:\\x\\", "EMPTY=", "EQ==a=b=" } })]
    [InlineData(new object[] { new[] { "SPACES=  a  b  ", "UNICODE=日本語 🚀", "NEWLINE=a\nb", "DASHES=-- x --" } })]
    public void WhatTheToolchainEncodesTheKernelDecodes(string[] variables)
    {
        // Baked into an image: the tokens alone.
        Assert.Equal(variables, Decode(GuestEnvironment.Encode(variables)).Variables);

        // On the command line: after the env option, among other options, before the arguments.
        string line = KernelCommandLine.Encode(["gc.trace"], variables, ["arg", "-- x"]);
        int argumentsStart = KernelOptions.Parse(Encoding.UTF8.GetBytes(line), out string? error, out _);
        Assert.True(argumentsStart > 0, error);
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        var decoded = Decode(Encoding.UTF8.GetString(bytes[KernelOptions.Environment]));
        Assert.Equal(variables, decoded.Variables);
        Assert.True(KernelOptions.TraceCollections);
    }
}
