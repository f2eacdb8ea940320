using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class UnwindBlockTests
{
    private const int Main = UnwindImage.EhTableStart + 0x10;
    private const int Funclet = UnwindImage.EhTableStart + 0x80;
    private const int EhInfo = UnwindImage.DataStart + 0x20;
    private const int AssociatedData = UnwindImage.DataStart + 0x40;

    private static UnwindDataError Locate(UnwindImage image, int block, int code, out MethodLocation location) =>
        UnwindBlock.TryLocate(image.At(block), image.EhTable, image.EhTableEnd, image.At(code), image.At(UnwindImage.EhFrameStart), out location);

    private static void WriteMain(UnwindImage image, byte flags)
    {
        var m = image.Memory;
        m.Position = Main;
        m.Byte(flags);
        if ((flags & UnwindBlock.HasAssociatedDataFlag) != 0)
            m.SelfRelative(image.At(AssociatedData));
        if ((flags & UnwindBlock.HasEhInfoFlag) != 0)
            m.SelfRelative(image.At(EhInfo));
        m.Bytes(0xAA, 0xBB); // GC info follows
    }

    private static void WriteFunclet(UnwindImage image, byte flags, int main, uint distance)
    {
        var m = image.Memory;
        m.Position = Funclet;
        m.Byte(flags);
        m.SelfRelative(image.At(main));
        m.UInt32(distance);
    }

    [Fact]
    public void AMainBodyIsItsOwnMethod()
    {
        var image = new UnwindImage();
        WriteMain(image, UnwindBlock.HasEhInfoFlag);
        Assert.Equal(UnwindDataError.None, Locate(image, Main, 0x100, out var location));
        Assert.True(location.MethodStart == image.At(0x100));
        Assert.True(location.MainBlock == image.At(Main) && location.Block == image.At(Main));
        Assert.False(location.IsFunclet);
        Assert.True(location.ReportsFramePointer);
        Assert.True(UnwindBlock.EhInfo(location) == image.At(EhInfo));
        Assert.True(UnwindBlock.AssociatedData(location) == null);
    }

    [Fact]
    public void EhInfoFollowsAssociatedData()
    {
        var image = new UnwindImage();
        WriteMain(image, UnwindBlock.HasEhInfoFlag | UnwindBlock.HasAssociatedDataFlag);
        Assert.Equal(UnwindDataError.None, Locate(image, Main, 0x100, out var location));
        Assert.True(UnwindBlock.AssociatedData(location) == image.At(AssociatedData));
        Assert.True(UnwindBlock.EhInfo(location) == image.At(EhInfo));
    }

    [Fact]
    public void AMethodWithoutClausesReportsNoFramePointer()
    {
        var image = new UnwindImage();
        WriteMain(image, UnwindBlock.ReversePInvokeFlag);
        Assert.Equal(UnwindDataError.None, Locate(image, Main, 0x100, out var location));
        Assert.False(location.ReportsFramePointer);
        Assert.True(location.IsReversePInvoke);
        Assert.True(UnwindBlock.EhInfo(location) == null);
    }

    [Theory]
    [InlineData(UnwindBlock.HandlerKind, false)]
    [InlineData(UnwindBlock.FilterKind, true)]
    public void AFuncletLeadsToItsMainBody(byte kind, bool isFilter)
    {
        var image = new UnwindImage();
        WriteMain(image, UnwindBlock.HasEhInfoFlag);
        WriteFunclet(image, kind, Main, 0x256);
        Assert.Equal(UnwindDataError.None, Locate(image, Funclet, 0x356, out var location));
        Assert.True(location.MethodStart == image.At(0x100));
        Assert.True(location.MainBlock == image.At(Main));
        Assert.True(location.Block == image.At(Funclet));
        Assert.True(location.IsFunclet);
        Assert.Equal(isFilter, location.IsFilter);
        Assert.True(location.ReportsFramePointer);
        Assert.True(UnwindBlock.EhInfo(location) == image.At(EhInfo));
    }

    [Fact]
    public void RejectsTheUnusedKind()
    {
        var image = new UnwindImage();
        WriteMain(image, 0x03);
        Assert.Equal(UnwindDataError.BadEhInfo, Locate(image, Main, 0x100, out _));
    }

    [Fact]
    public void RejectsBlocksOutsideTheTable()
    {
        var image = new UnwindImage();
        Assert.Equal(UnwindDataError.OutOfRange, Locate(image, UnwindImage.EhTableStart - 1, 0x100, out _));
        Assert.Equal(UnwindDataError.OutOfRange, Locate(image, UnwindImage.DataStart, 0x100, out _));
    }

    [Fact]
    public void RejectsAFuncletCutByTheTableEnd()
    {
        var image = new UnwindImage();
        image.Memory.Position = UnwindImage.DataStart - 4;
        image.Memory.Byte(UnwindBlock.HandlerKind);
        Assert.Equal(UnwindDataError.Truncated, Locate(image, UnwindImage.DataStart - 4, 0x100, out _));
    }

    [Fact]
    public void RejectsAMainBodyOutsideTheTable()
    {
        var image = new UnwindImage();
        WriteFunclet(image, UnwindBlock.HandlerKind, UnwindImage.DataStart + 8, 0x10);
        Assert.Equal(UnwindDataError.OutOfRange, Locate(image, Funclet, 0x200, out _));
    }

    [Fact]
    public void RejectsAFuncletWhoseMainIsAFunclet()
    {
        var image = new UnwindImage();
        WriteFunclet(image, UnwindBlock.HandlerKind, Funclet, 0x10);
        Assert.Equal(UnwindDataError.BadEhInfo, Locate(image, Funclet, 0x200, out _));
    }

    [Fact]
    public void RejectsAFuncletAtTheMethodStart()
    {
        var image = new UnwindImage();
        WriteMain(image, 0);
        WriteFunclet(image, UnwindBlock.HandlerKind, Main, 0);
        Assert.Equal(UnwindDataError.BadEhInfo, Locate(image, Funclet, 0x200, out _));
    }

    [Fact]
    public void RejectsPointerFieldsCutByTheTableEnd()
    {
        var image = new UnwindImage();
        int block = UnwindImage.DataStart - 3;
        *image.At(block) = UnwindBlock.HasEhInfoFlag;
        Assert.Equal(UnwindDataError.Truncated, Locate(image, block, 0x100, out _));
    }
}
