using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class DwarfPointerEncodingTests
{
    [Fact]
    public void PcRelativeIsRelativeToTheField()
    {
        var memory = new PinnedMemory(32);
        memory.Position = 8;
        memory.Int32(-8);
        var reader = new BoundedReader(memory.At(8), memory.End);
        Assert.True(DwarfPointerEncoding.TryRead(ref reader, DwarfPointerEncoding.PcRelative | DwarfPointerEncoding.SData4, 0, out ulong value));
        Assert.Equal((ulong)memory.Base, value);
        Assert.True(reader.Cursor == memory.At(12));
    }

    [Fact]
    public void DataRelativeUsesTheGivenBase()
    {
        var memory = new PinnedMemory(8);
        memory.Int32(-16);
        var reader = new BoundedReader(memory.Base, memory.End);
        Assert.True(DwarfPointerEncoding.TryRead(ref reader, DwarfPointerEncoding.DataRelative | DwarfPointerEncoding.SData4, 1000, out ulong value));
        Assert.Equal(984UL, value);
    }

    [Theory]
    [InlineData(DwarfPointerEncoding.UData4, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, 0xFFFF_FFFFUL)]
    [InlineData(DwarfPointerEncoding.SData4, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, ulong.MaxValue)]
    [InlineData(DwarfPointerEncoding.UData2, new byte[] { 0x34, 0x12 }, 0x1234UL)]
    [InlineData(DwarfPointerEncoding.SData2, new byte[] { 0xFE, 0xFF }, ulong.MaxValue - 1)]
    [InlineData(DwarfPointerEncoding.AbsolutePointer, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0x80 }, 0x8000_0000_0000_0001UL)]
    [InlineData(DwarfPointerEncoding.Uleb128, new byte[] { 0x80, 0x01 }, 128UL)]
    [InlineData(DwarfPointerEncoding.Sleb128, new byte[] { 0x7F }, ulong.MaxValue)]
    public void ReadsValueFormats(byte encoding, byte[] bytes, ulong expected)
    {
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.True(DwarfPointerEncoding.TryRead(ref reader, encoding, 0, out ulong value));
            Assert.Equal(expected, value);
            Assert.True(reader.AtEnd);
        }
    }

    [Theory]
    [InlineData(0x9B)] // indirect | pcrel | sdata4
    [InlineData(0x2B)] // textrel
    [InlineData(0x4B)] // funcrel
    [InlineData(0x5B)] // aligned
    [InlineData(0x05)] // no such value format
    [InlineData(0xFF)] // omit is not a value
    public void RejectsUnsupportedEncodings(byte encoding)
    {
        byte[] bytes = [0, 0, 0, 0, 0, 0, 0, 0];
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.False(DwarfPointerEncoding.IsSupported(encoding));
            Assert.False(DwarfPointerEncoding.TryRead(ref reader, encoding, 0, out _));
            Assert.True(reader.Cursor == p);
        }
    }

    [Fact]
    public void RejectsTruncatedValues()
    {
        byte[] bytes = [1, 2, 3];
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.False(DwarfPointerEncoding.TryRead(ref reader, DwarfPointerEncoding.SData4, 0, out _));
            Assert.True(reader.Cursor == p);
        }
    }
}
