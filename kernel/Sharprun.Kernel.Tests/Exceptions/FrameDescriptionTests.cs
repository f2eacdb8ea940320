using System;
using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class FrameDescriptionTests
{
    [Fact]
    public void ParsesAnIlcFde()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x256, UnwindImage.EhTableStart + 0x10, UnwindImage.MainPrologInstructions);
        Assert.Equal(UnwindDataError.None, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out var description));
        Assert.Equal((ulong)image.At(0x100), description.PcBegin);
        Assert.Equal((ulong)image.At(0x356), description.PcEnd);
        Assert.True(description.Lsda == image.At(UnwindImage.EhTableStart + 0x10));
        Assert.Equal(1UL, description.CodeAlignment);
        Assert.Equal(-8L, description.DataAlignment);
        Assert.Equal(16, description.ReturnAddressRegister);
        Assert.Equal(UnwindImage.IlcCieInstructions[0], *description.CieInstructions);
        Assert.Equal(UnwindImage.MainPrologInstructions[0], *description.Instructions);
        Assert.True(description.Covers((ulong)image.At(0x355)));
        Assert.False(description.Covers((ulong)image.At(0x356)));
    }

    [Fact]
    public void AcceptsACieWithoutAugmentation()
    {
        var image = new UnwindImage();
        int cie = image.Cie(augmentation: "", version: 3);
        int fde = (int)(image.EhFrameEnd - image.EhFrame) + UnwindImage.EhFrameStart;
        var m = image.Memory;
        m.Position = fde + 4;
        m.UInt32((uint)(fde + 4 - cie));
        m.UInt64((ulong)image.At(0x100));
        m.UInt64(0x20);
        m.Position = fde;
        m.UInt32(4 + 16);
        Assert.Equal(UnwindDataError.None, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.At(fde + 24), out var description));
        Assert.Equal((ulong)image.At(0x100), description.PcBegin);
        Assert.True(description.Lsda == null);
    }

    [Fact]
    public void RejectsAnFdeOutsideTheSection()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, []);
        Assert.Equal(UnwindDataError.OutOfRange, FrameDescription.TryParse(image.At(fde), image.At(fde + 1), image.EhFrameEnd, out _));
        Assert.Equal(UnwindDataError.OutOfRange, FrameDescription.TryParse(image.EhFrameEnd, image.EhFrame, image.EhFrameEnd, out _));
    }

    [Theory]
    [InlineData(0u, UnwindDataError.BadLength)]
    [InlineData(0xFFFF_FFFFu, UnwindDataError.BadLength)]
    [InlineData(2u, UnwindDataError.BadLength)]
    [InlineData(0x7000_0000u, UnwindDataError.Truncated)]
    public void RejectsBadLengths(uint length, UnwindDataError expected)
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, []);
        *(uint*)image.At(fde) = length;
        Assert.Equal(expected, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Fact]
    public void RejectsACieWhereAnFdeIsExpected()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        Assert.Equal(UnwindDataError.NotAnFde, FrameDescription.TryParse(image.At(cie), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Fact]
    public void RejectsACiePointerLeavingTheSection()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, []);
        *(uint*)image.At(fde + 4) = 0x10_0000;
        Assert.Equal(UnwindDataError.NotAnFde, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Fact]
    public void RejectsAnFdePointingAtAnotherFde()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int first = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, []);
        int second = image.Fde(first, 0x200, 0x10, UnwindImage.EhTableStart, []);
        Assert.Equal(UnwindDataError.BadCie, FrameDescription.TryParse(image.At(second), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Theory]
    [InlineData("zLR", 2, UnwindDataError.UnsupportedVersion)]
    [InlineData("zX", 1, UnwindDataError.UnsupportedAugmentation)]
    [InlineData("eh", 1, UnwindDataError.UnsupportedAugmentation)]
    [InlineData("LzR", 1, UnwindDataError.UnsupportedAugmentation)]
    public void RejectsUnknownCies(string augmentation, byte version, UnwindDataError expected)
    {
        var image = new UnwindImage();
        int cie = image.Cie(augmentation: augmentation, version: version);
        int fde = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, []);
        Assert.Equal(expected, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Fact]
    public void RejectsAZeroDataAlignment()
    {
        var image = new UnwindImage();
        int cie = image.Cie(dataAlignment: 0);
        int fde = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, []);
        Assert.Equal(UnwindDataError.BadOffset, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Theory]
    [InlineData(0x9B)]
    [InlineData(0x05)]
    public void RejectsUnsupportedFdeEncodings(byte encoding)
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, []);
        // length, id, version, "zLR\0", code align, data align, RA, aug length, L, then R.
        image.At(cie)[4 + 4 + 1 + 4 + 1 + 1 + 1 + 1 + 1] = encoding;
        Assert.Equal(UnwindDataError.UnsupportedEncoding, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Fact]
    public void RejectsAnEmptyRange()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0, UnwindImage.EhTableStart, []);
        Assert.Equal(UnwindDataError.OutOfRange, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out _));
    }

    [Fact]
    public void NeverReadsPastAShortenedSection()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x256, UnwindImage.EhTableStart, UnwindImage.MainPrologInstructions);
        byte* end = image.EhFrameEnd;
        for (byte* cut = image.At(fde); cut < end; cut++)
            Assert.NotEqual(UnwindDataError.None, FrameDescription.TryParse(image.At(fde), image.EhFrame, cut, out _));
    }

    [Fact]
    public void SurvivesRandomCorruption()
    {
        var random = new Random(1234);
        for (int round = 0; round < 2000; round++)
        {
            var image = new UnwindImage();
            int cie = image.Cie();
            int fde = image.Fde(cie, 0x100, 0x256, UnwindImage.EhTableStart, UnwindImage.MainPrologInstructions);
            int length = (int)(image.EhFrameEnd - image.EhFrame);
            for (int flips = random.Next(1, 4); flips > 0; flips--)
                image.EhFrame[random.Next(length)] = (byte)random.Next(256);

            UnwindDataError error = FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out var description);
            if (error != UnwindDataError.None)
                continue;
            Assert.True(description.Instructions >= image.EhFrame && description.InstructionsEnd <= image.EhFrameEnd);
            Assert.True(description.CieInstructions >= image.EhFrame && description.CieInstructionsEnd <= image.EhFrameEnd);
            CfiInterpreter.Run(description, description.PcBegin, out _);
        }
    }
}
