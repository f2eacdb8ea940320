using System;
using System.Buffers.Binary;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public class ImageExtentTests
{
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;

    /// <summary>An ELF64 header followed by program headers of (type, physical address, memory size).</summary>
    private static byte[] Image(params (uint Type, ulong Address, ulong Size)[] segments)
    {
        var file = new byte[HeaderSize + segments.Length * ProgramHeaderSize];
        file[0] = 0x7F; file[1] = (byte)'E'; file[2] = (byte)'L'; file[3] = (byte)'F'; file[4] = 2; file[5] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(0x20), HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x36), ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x38), (ushort)segments.Length);
        for (int i = 0; i < segments.Length; i++)
        {
            var header = file.AsSpan(HeaderSize + i * ProgramHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(header, segments[i].Type);
            BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(0x18), segments[i].Address);
            BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(0x28), segments[i].Size);
        }
        return file;
    }

    [Fact]
    public void TheExtentIsTheHighestEndOfALoadSegment() =>
        Assert.Equal(0x2E9000UL, ImageExtent.Parse(Image((1, 0x100000, 0xD1CAD), (1, 0x242000, 0xA7000), (1, 0x1D2000, 0x6FF49), (4, 0x900000, 0x10)), "x.elf"));

    [Fact]
    public void NotAnElfIsRefused() => Assert.Throws<ToolchainException>(() => ImageExtent.Parse(new byte[100], "x.elf"));

    [Fact]
    public void AProgramHeaderTableOutsideTheFileIsRefused()
    {
        byte[] file = Image((1, 0x100000, 0x1000));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x38), 50);
        Assert.Throws<ToolchainException>(() => ImageExtent.Parse(file, "x.elf"));
    }

    [Fact]
    public void ASegmentThatWrapsAroundIsRefused() =>
        Assert.Throws<ToolchainException>(() => ImageExtent.Parse(Image((1, ulong.MaxValue - 10, 100)), "x.elf"));

    [Fact]
    public void AnImageWithoutProgramHeadersIsRefused() => Assert.Throws<ToolchainException>(() => ImageExtent.Parse(Image(), "x.elf"));
}
