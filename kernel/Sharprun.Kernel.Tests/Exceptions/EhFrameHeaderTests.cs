using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class EhFrameHeaderTests
{
    private static UnwindImage ImageWithThreeMethods()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        image.Fde(cie, 0x200, 0x40, UnwindImage.EhTableStart, []);
        image.Fde(cie, 0x100, 0x80, UnwindImage.EhTableStart, []);
        image.Fde(cie, 0x300, 0x10, UnwindImage.EhTableStart, []);
        image.WriteHeader();
        return image;
    }

    [Fact]
    public void OpensTheHeaderOurLinkerWrites()
    {
        var image = ImageWithThreeMethods();
        Assert.Equal(UnwindDataError.None, EhFrameHeader.TryOpen(image.Header, image.EhTable, out var header));
        Assert.Equal(3u, header.FdeCount);
        Assert.Equal((ulong)image.EhFrame, header.EhFrame);
    }

    [Theory]
    [InlineData(0x100, 0x100)]
    [InlineData(0x17F, 0x100)]
    [InlineData(0x1FF, 0x100)] // in the gap: the candidate's range check is the caller's
    [InlineData(0x200, 0x200)]
    [InlineData(0x2A0, 0x200)]
    [InlineData(0x300, 0x300)]
    [InlineData(0x900, 0x300)]
    public void FindsTheLastFdeStartingAtOrBeforeThePc(int pc, int expectedCode)
    {
        var image = ImageWithThreeMethods();
        EhFrameHeader.TryOpen(image.Header, image.EhTable, out var header);
        Assert.True(header.TryFindFde((ulong)image.At(pc), out byte* fde));
        Assert.Equal(UnwindDataError.None, FrameDescription.TryParse(fde, image.EhFrame, image.EhFrameEnd, out var description));
        Assert.Equal((ulong)image.At(expectedCode), description.PcBegin);
    }

    [Fact]
    public void FindsNothingBeforeTheFirstMethod()
    {
        var image = ImageWithThreeMethods();
        EhFrameHeader.TryOpen(image.Header, image.EhTable, out var header);
        Assert.False(header.TryFindFde((ulong)image.At(0xFF), out _));
    }

    [Fact]
    public void RejectsAnotherVersion()
    {
        var image = ImageWithThreeMethods();
        *image.Header = 2;
        Assert.Equal(UnwindDataError.UnsupportedVersion, EhFrameHeader.TryOpen(image.Header, image.EhTable, out _));
    }

    [Theory]
    [InlineData(1, 0xFF)] // eh_frame_ptr omitted
    [InlineData(1, 0x9B)] // eh_frame_ptr indirect
    [InlineData(2, 0xFF)] // no count
    [InlineData(3, 0x1B)] // pcrel table: not searchable here
    [InlineData(3, 0xFF)] // no table
    public void RejectsUnsupportedEncodings(int field, byte encoding)
    {
        var image = ImageWithThreeMethods();
        image.Header[field] = encoding;
        Assert.Equal(UnwindDataError.UnsupportedEncoding, EhFrameHeader.TryOpen(image.Header, image.EhTable, out _));
    }

    [Fact]
    public void RejectsACountTheTableCannotHold()
    {
        var image = ImageWithThreeMethods();
        *(uint*)(image.Header + 8) = 0x1000_0000;
        Assert.Equal(UnwindDataError.Truncated, EhFrameHeader.TryOpen(image.Header, image.EhTable, out _));
    }

    [Fact]
    public void RejectsAHeaderCutShort()
    {
        var image = ImageWithThreeMethods();
        for (int length = 0; length < 12 + 3 * 8; length++)
            Assert.NotEqual(UnwindDataError.None, EhFrameHeader.TryOpen(image.Header, image.Header + length, out _));
    }

    [Fact]
    public void AnEmptyTableFindsNothing()
    {
        var image = new UnwindImage();
        image.WriteHeader();
        Assert.Equal(UnwindDataError.None, EhFrameHeader.TryOpen(image.Header, image.EhTable, out var header));
        Assert.False(header.TryFindFde((ulong)image.At(0x100), out _));
    }
}
