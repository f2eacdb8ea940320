using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class BoundedReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x02 }, 2UL)]
    [InlineData(new byte[] { 0x7F }, 127UL)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128UL)]
    [InlineData(new byte[] { 0xE5, 0x8E, 0x26 }, 624485UL)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    public void ReadsUleb128(byte[] bytes, ulong expected)
    {
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.True(reader.TryReadUleb128(out ulong value));
            Assert.Equal(expected, value);
            Assert.True(reader.AtEnd);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 })]
    public void RejectsTruncatedOrOversizedUleb128WithoutMoving(byte[] bytes)
    {
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.False(reader.TryReadUleb128(out _));
            Assert.True(reader.Cursor == p);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x02 }, 2L)]
    [InlineData(new byte[] { 0x7F }, -1L)]
    [InlineData(new byte[] { 0x78 }, -8L)]
    [InlineData(new byte[] { 0x80, 0x7F }, -128L)]
    [InlineData(new byte[] { 0xFF, 0x00 }, 127L)]
    public void ReadsSleb128(byte[] bytes, long expected)
    {
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.True(reader.TryReadSleb128(out long value));
            Assert.Equal(expected, value);
        }
    }

    [Fact]
    public void RejectsTruncatedSleb128()
    {
        byte[] bytes = [0x80, 0x80];
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.False(reader.TryReadSleb128(out _));
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(127u)]
    [InlineData(128u)]
    [InlineData(16383u)]
    [InlineData(16384u)]
    [InlineData(0x1F_FFFFu)]
    [InlineData(0x20_0000u)]
    [InlineData(0x0FFF_FFFFu)]
    [InlineData(0x1000_0000u)]
    [InlineData(uint.MaxValue)]
    public void ReadsNativeUnsignedAsIlcWritesIt(uint value)
    {
        var memory = new PinnedMemory(16);
        memory.NativeUnsigned(value);
        var reader = new BoundedReader(memory.Base, memory.Here);
        Assert.True(reader.TryReadNativeUnsigned(out uint read));
        Assert.Equal(value, read);
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0x01 })]
    [InlineData(new byte[] { 0x03, 0x00 })]
    [InlineData(new byte[] { 0x07, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x1F, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    public void RejectsTruncatedOrUnknownNativeUnsigned(byte[] bytes)
    {
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.False(reader.TryReadNativeUnsigned(out _));
            Assert.True(reader.Cursor == p);
        }
    }

    [Fact]
    public void FixedSizeReadsStopAtTheEnd()
    {
        byte[] bytes = [1, 2, 3];
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p, p + bytes.Length);
            Assert.False(reader.TryReadUInt32(out _));
            Assert.True(reader.TryReadUInt16(out ushort value));
            Assert.Equal(0x0201, value);
            Assert.False(reader.TryReadUInt16(out _));
            Assert.False(reader.TrySkip(2));
            Assert.True(reader.TryReadByte(out byte last));
            Assert.Equal(3, last);
            Assert.False(reader.TryReadByte(out _));
        }
    }

    [Fact]
    public void AnEndBeforeTheStartIsAnEmptyRange()
    {
        byte[] bytes = [1];
        fixed (byte* p = bytes)
        {
            var reader = new BoundedReader(p + 1, p);
            Assert.True(reader.AtEnd);
            Assert.False(reader.TryReadByte(out _));
        }
    }
}
