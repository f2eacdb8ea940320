using System;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.Hypercall.Xen.Tests;

public class ImagePlatformTests
{
    [Fact]
    public void NoteHasTheElfLayout()
    {
        var section = ImagePlatform.NoteSection("xen", ["Sharprun.Net"]);
        Assert.Equal(".note.sharprun", section.Name);
        // namesz 9, descsz 4, type 1, "Sharprun\0" padded to 12, "xen\0"; then type 2 with "Sharprun.Net\0" padded to 16.
        Assert.Equal(12 + 12 + 4 + 12 + 12 + 16, section.Data.Length);
        Assert.Equal(9, BitConverter.ToInt32(section.Data, 0));
        Assert.Equal(4, BitConverter.ToInt32(section.Data, 4));
        Assert.Equal(1, BitConverter.ToInt32(section.Data, 8));
        Assert.Equal(13, BitConverter.ToInt32(section.Data, 32));
        Assert.Equal(2, BitConverter.ToInt32(section.Data, 36));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' })]
    public void NonElfImagesAreRefused(byte[] file) =>
        Assert.Throws<ToolchainException>(() => ImagePlatform.Parse(file, "image"));

    [Fact]
    public void SectionTableOutsideTheFileIsRefused()
    {
        var file = new byte[64];
        file[0] = 0x7F; file[1] = (byte)'E'; file[2] = (byte)'L'; file[3] = (byte)'F'; file[4] = 2; file[5] = 1;
        BitConverter.TryWriteBytes(file.AsSpan(0x28), 0x1000UL);
        BitConverter.TryWriteBytes(file.AsSpan(0x3A), (ushort)64);
        BitConverter.TryWriteBytes(file.AsSpan(0x3C), (ushort)3);
        Assert.Throws<ToolchainException>(() => ImagePlatform.Parse(file, "image"));
    }

    [Fact]
    public void XlStringsAreEscaped()
    {
        Assert.Equal("\"say \\\"hi\\\" C:\\\\x\"", Dom0Script.Quote("say \"hi\" C:\\x"));
        Assert.Throws<ArgumentException>(() => Dom0Script.Quote("a\nb"));
    }
}
