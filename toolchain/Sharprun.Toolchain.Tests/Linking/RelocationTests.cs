using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Objects;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class RelocationTests
{
    [Fact]
    public void CallAcrossObjectsGetsRel32ToTheTarget()
    {
        var caller = TestObjects.Code("a.o", a =>
        {
            a.Global("start");
            a.CallExternal("target");
            a.Code.hlt();
        });
        var result = TestObjects.Link(caller, TestObjects.Function("b.o", "target"));
        var image = new ElfImageView(result.Image);
        ulong start = result.Symbols["start"];
        Assert.Equal(0xE8, image.At(start, 1)[0]);
        Assert.Equal((long)result.Symbols["target"] - (long)(start + 5), image.I32At(start + 1));
    }

    [Fact]
    public void QwordAddressHoldsTheAbsoluteAddressPlusAddend()
    {
        var obj = TestObjects.Function("a.o", "target");
        TestObjects.AddSection(obj, a =>
        {
            a.GlobalData("slot");
            a.QwordAddress("target", 8);
        }, ".data", SectionKind.Data);
        var result = TestObjects.Link(obj);
        Assert.Equal(result.Symbols["target"] + 8, new ElfImageView(result.Image).U64At(result.Symbols["slot"]));
    }

    [Fact]
    public void Pc32LeaAndDwordAddressAreResolved()
    {
        var code = TestObjects.Code("a.o", a =>
        {
            a.Global("start");
            a.LeaExternal(rax, "table");
            a.LeaExternal(r9, "table");
            a.Code.ret();
        });
        TestObjects.AddSection(code, a =>
        {
            a.GlobalData("table");
            a.DwordAddress("start", 3);
        }, ".rodata", SectionKind.ReadOnlyData);
        var result = TestObjects.Link(code);
        var image = new ElfImageView(result.Image);
        ulong start = result.Symbols["start"], table = result.Symbols["table"];
        Assert.Equal(new byte[] { 0x48, 0x8D, 0x05 }, image.At(start, 3).ToArray());
        Assert.Equal((long)table - (long)(start + 7), image.I32At(start + 3));
        Assert.Equal(new byte[] { 0x4C, 0x8D, 0x0D }, image.At(start + 7, 3).ToArray());
        Assert.Equal((long)table - (long)(start + 14), image.I32At(start + 10));
        Assert.Equal(start + 3, image.U32At(table));
    }

    [Fact]
    public void Absolute32SignedAndPc64AreResolved()
    {
        var obj = TestObjects.Function("a.o", "target");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[16], 8));
        data.Relocations.Add(new ObjectRelocation(0, RelocationType.Absolute32Signed, TestObjects.Undefined("target"), -2));
        data.Relocations.Add(new ObjectRelocation(8, RelocationType.Pc64, TestObjects.Undefined("target"), 0));
        obj.Symbols.Add(new ObjectSymbol("data", data, 0, 16, SymbolBinding.Global, SymbolType.Object));
        var result = TestObjects.Link(obj);
        var image = new ElfImageView(result.Image);
        ulong target = result.Symbols["target"], slot = result.Symbols["data"];
        Assert.Equal((int)target - 2, image.I32At(slot));
        Assert.Equal(target - (slot + 8), image.U64At(slot + 8));
    }

    [Fact]
    public void Pc32OverflowNamesRelocationSymbolAndPlace()
    {
        var obj = TestObjects.Function("a.o", "target");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[8], 8));
        obj.Symbols.Add(new ObjectSymbol("holder", data, 0, 8, SymbolBinding.Global, SymbolType.Object));
        data.Relocations.Add(new ObjectRelocation(4, RelocationType.Pc32, TestObjects.Undefined("target"), 0x1_0000_0000));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("R_X86_64_PC32", e.Message);
        Assert.Contains(".data+0x4 in a.o (in holder)", e.Message);
        Assert.Contains("target", e.Message);
    }

    [Fact]
    public void Absolute32RejectsValuesThatDoNotZeroExtend()
    {
        var obj = TestObjects.Function("a.o", "target");
        TestObjects.AddSection(obj, a => a.DwordAddress("target", 0xFFFF_FFFF), ".data", SectionKind.Data);
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("R_X86_64_32 ", e.Message);
        Assert.Contains("zero-extended", e.Message);
    }

    [Fact]
    public void Absolute32SignedRejectsValuesAbove2GiB()
    {
        var obj = TestObjects.Function("a.o", "target");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[4], 4));
        data.Relocations.Add(new ObjectRelocation(0, RelocationType.Absolute32Signed, TestObjects.Undefined("target"), 0x7FFF_FFFF));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("R_X86_64_32S", e.Message);
    }

    [Fact]
    public void UnsupportedRelocationTypeNamesTypeSectionAndSymbol()
    {
        var obj = TestObjects.Function("a.o", "target");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[8], 8));
        data.Relocations.Add(new ObjectRelocation(0, (RelocationType)21, TestObjects.Undefined("target"), 0));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("R_X86_64_DTPOFF32 is not supported", e.Message);
        Assert.Contains(".data+0x0", e.Message);
        Assert.Contains("target", e.Message);
    }

    [Fact]
    public void RelocationOutsideItsSectionIsRejected()
    {
        var obj = TestObjects.Function("a.o", "target");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[8], 8));
        data.Relocations.Add(new ObjectRelocation(4, RelocationType.Absolute64, TestObjects.Undefined("target"), 0));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("outside the section", e.Message);
    }
}
