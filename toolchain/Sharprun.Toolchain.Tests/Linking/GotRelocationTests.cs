using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.Linking;

/// <summary>The GOTPCREL family as clang -fPIC emits it, linked statically: relaxed to lea where the psABI allows, a GOT slot otherwise.</summary>
public sealed class GotRelocationTests
{
    private static readonly ObjectSymbol Target = TestObjects.Undefined("target");

    /// <summary>One code section holding <paramref name="code"/>, with a relocation of <paramref name="type"/> at <paramref name="field"/>.</summary>
    private static LinkResult LinkCode(byte[] code, int field, RelocationType type, out ulong start)
    {
        var obj = new ObjectFile("pic.o");
        var section = obj.AddSection(new ObjectSection(".text.user", SectionKind.Code, code, 16));
        obj.Symbols.Add(new ObjectSymbol("start", section, 0, code.Length, SymbolBinding.Global, SymbolType.Function));
        section.Relocations.Add(new ObjectRelocation(field, type, Target, -4));
        var result = TestObjects.Link(obj, TestObjects.Function("target.o", "target"));
        start = result.Symbols["start"];
        return result;
    }

    [Theory]
    [InlineData(RelocationType.RexGotPcRelX, new byte[] { 0x48, 0x8B, 0x05, 0, 0, 0, 0, 0xC3 }, 3)]  // mov target@GOTPCREL(%rip), %rax
    [InlineData(RelocationType.GotPcRelX, new byte[] { 0x8B, 0x0D, 0, 0, 0, 0, 0xC3 }, 2)]           // mov target@GOTPCREL(%rip), %ecx
    public void AMovFromTheGotBecomesALea(RelocationType type, byte[] code, int field)
    {
        var result = LinkCode(code, field, type, out ulong start);
        var image = new ElfImageView(result.Image);
        Assert.Equal(0x8D, image.At(start + (ulong)field - 2, 1)[0]);
        Assert.Equal((long)result.Symbols["target"] - (long)(start + (ulong)field + 4), image.I32At(start + (ulong)field));
        Assert.DoesNotContain(image.Sections, s => s.Name == ImageLayout.GotName);
    }

    [Theory]
    [InlineData(RelocationType.GotPcRel, new byte[] { 0x48, 0x8B, 0x05, 0, 0, 0, 0, 0xC3 }, 3)]       // plain GOTPCREL: never rewritten
    [InlineData(RelocationType.RexGotPcRelX, new byte[] { 0x48, 0x3B, 0x05, 0, 0, 0, 0, 0xC3 }, 3)]   // cmp target@GOTPCREL(%rip), %rax
    [InlineData(RelocationType.RexGotPcRelX, new byte[] { 0x48, 0x0F, 0x44, 0x05, 0, 0, 0, 0, 0xC3 }, 4)] // cmove
    public void OtherGotLoadsReadASlotHoldingTheAddress(RelocationType type, byte[] code, int field)
    {
        var result = LinkCode(code, field, type, out ulong start);
        var image = new ElfImageView(result.Image);
        Assert.Equal(code[field - 2], image.At(start + (ulong)field - 2, 1)[0]);
        var got = image.Section(ImageLayout.GotName);
        Assert.Equal(8UL, got.Size);
        Assert.Equal((long)got.Address - (long)(start + (ulong)field + 4), image.I32At(start + (ulong)field));
        Assert.Equal(result.Symbols["target"], image.U64At(got.Address));
        Assert.Equal(0u, got.Flags & 1); // not writable
    }

    [Fact]
    public void AnUndefinedWeakSymbolKeepsItsSlotHoldingZero()
    {
        var obj = new ObjectFile("pic.o");
        var section = obj.AddSection(new ObjectSection(".text", SectionKind.Code, [0x48, 0x8B, 0x05, 0, 0, 0, 0, 0xC3], 16));
        section.Relocations.Add(new ObjectRelocation(3, RelocationType.RexGotPcRelX, TestObjects.Undefined("optional", SymbolBinding.Weak), -4));
        var image = new ElfImageView(TestObjects.Link(obj).Image);
        Assert.Equal(0UL, image.U64At(image.Section(ImageLayout.GotName).Address));
    }

    [Fact]
    public void Plt32BecomesADirectCall()
    {
        var result = LinkCode([0xE8, 0, 0, 0, 0, 0xC3], 1, RelocationType.Plt32, out ulong start);
        Assert.Equal((long)result.Symbols["target"] - (long)(start + 5), new ElfImageView(result.Image).I32At(start + 1));
    }

    [Fact]
    public void Absolute32OutOfRangeIsRefused()
    {
        var obj = new ObjectFile("a.o");
        var section = obj.AddSection(new ObjectSection(".rodata", SectionKind.ReadOnlyData, new byte[4], 4));
        var far = new ObjectSymbol("far", null, 0x1_0000_0000, 0, SymbolBinding.Global, SymbolType.Absolute);
        obj.Symbols.Add(far);
        section.Relocations.Add(new ObjectRelocation(0, RelocationType.Absolute32Signed, far, 0));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("R_X86_64_32S", e.Message);
        Assert.Contains("does not fit in 32 bits", e.Message);
    }

    [Fact]
    public void AnUnsupportedTypeIsRefusedNamingTypeSectionAndMember()
    {
        var obj = new ObjectFile("libz.a(deflate.c.o)");
        var section = obj.AddSection(new ObjectSection(".text.deflate", SectionKind.Code, new byte[8], 16));
        obj.Symbols.Add(new ObjectSymbol("deflate", section, 0, 8, SymbolBinding.Global, SymbolType.Function));
        section.Relocations.Add(new ObjectRelocation(3, (RelocationType)22, Target, -4));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj, TestObjects.Function("target.o", "target")));
        Assert.Contains("R_X86_64_GOTTPOFF is not supported", e.Message);
        Assert.Contains(".text.deflate+0x3 in libz.a(deflate.c.o)", e.Message);
    }
}
