using System.Text;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>The one-argument snprintf System.Console uses for terminfo strings: conversions, truncation, hostile formats.</summary>
[Collection(PalTestCollection.Name)]
public sealed unsafe class PalFormattingTests
{
    private static (int Result, string Text) Format(string format, int size, string? s = null, int? d = null)
    {
        byte[] formatBytes = Encoding.ASCII.GetBytes(format + "\0");
        byte[] output = new byte[size + 1];
        output[size] = 0xAA;
        int result;
        fixed (byte* f = formatBytes)
        fixed (byte* o = output)
        {
            if (s is not null)
            {
                byte[] argument = Encoding.ASCII.GetBytes(s + "\0");
                fixed (byte* a = argument)
                    result = PalFormatting.FormatString(size == 0 ? null : o, size, f, a);
            }
            else
            {
                result = PalFormatting.FormatInteger(size == 0 ? null : o, size, f, d!.Value);
            }
        }
        Assert.Equal(0xAA, output[size]);
        int end = System.Array.IndexOf(output, (byte)0);
        return (result, size == 0 ? "" : Encoding.ASCII.GetString(output, 0, end));
    }

    [Fact]
    public void SubstitutesTheArgument()
    {
        Assert.Equal((8, "\u001b[31;1mx"), Format("\u001b[%d;1mx", 32, d: 31));
        Assert.Equal((10, "name: abc%"), Format("name: %s%%", 32, s: "abc"));
        Assert.Equal((3, "-42"), Format("%d", 8, d: -42));
    }

    [Fact]
    public void TruncatesLikeSnprintfAndReportsTheFullLength()
    {
        Assert.Equal((10, "abc"), Format("abc%s", 4, s: "defghij"));
        Assert.Equal((3, ""), Format("%d", 0, d: 123));
    }

    [Theory]
    [InlineData("%x")]
    [InlineData("%s %s")]
    [InlineData("trailing %")]
    [InlineData("%d")]
    public void RefusesConversionsItDoesNotImplement(string format)
    {
        Assert.Equal(-1, Format(format, 16, s: "v").Result);
        Assert.Equal((int)LinuxErrno.EINVAL, PalErrors.GetErrNo());
    }
}
