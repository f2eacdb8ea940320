using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class SymbolResolutionTests
{
    [Fact]
    public void UndefinedSymbolsAreAllListedSortedWithTheirReferrers()
    {
        var a = TestObjects.Code("dir/a.o", x =>
        {
            x.Global("f_a");
            x.CallExternal("Missing2");
            x.CallExternal("Missing1");
            x.Code.ret();
        });
        var b = TestObjects.Code("b.o", x =>
        {
            x.Global("f_b");
            x.Code.nop();
            x.CallExternal("Missing1");
            x.Code.ret();
        });
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(a, b));
        Assert.Contains("2 undefined symbols", e.Message);
        Assert.Contains("undefined symbol Missing1, referenced by a.o (f_a), b.o (f_b)", e.Message);
        Assert.Contains("undefined symbol Missing2, referenced by a.o (f_a)", e.Message);
        Assert.True(e.Message.IndexOf("Missing1") < e.Message.IndexOf("Missing2"));
    }

    [Fact]
    public void DuplicateStrongGlobalsAreAnError()
    {
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(TestObjects.Function("a.o", "dup"), TestObjects.Function("b.o", "dup")));
        Assert.Contains("duplicate symbol dup, defined in a.o and b.o", e.Message);
    }

    [Fact]
    public void StrongDefinitionBeatsWeakEvenForTheWeakObjectsOwnReferences()
    {
        var weak = new ObjectFile("weak.o");
        var weakData = weak.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[16], 8));
        var weakSymbol = new ObjectSymbol("value", weakData, 0, 8, SymbolBinding.Weak, SymbolType.Object);
        weak.Symbols.Add(weakSymbol);
        weak.Symbols.Add(new ObjectSymbol("slot", weakData, 8, 8, SymbolBinding.Global, SymbolType.Object));
        weakData.Relocations.Add(new ObjectRelocation(8, RelocationType.Absolute64, weakSymbol, 0));

        var strong = new ObjectFile("strong.o");
        var strongData = strong.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[8], 8));
        strong.Symbols.Add(new ObjectSymbol("value", strongData, 4, 4, SymbolBinding.Global, SymbolType.Object));

        var result = TestObjects.Link(weak, strong);
        var image = new ElfImageView(result.Image);
        ulong strongAddress = result.Symbols["value"];
        Assert.Equal(image.Section(".data").Address + 16 + 4, strongAddress);
        Assert.Equal(strongAddress, image.U64At(result.Symbols["slot"]));
    }

    [Fact]
    public void TwoWeakDefinitionsKeepTheFirst()
    {
        ObjectFile WeakFunction(string objectName)
        {
            var obj = TestObjects.Code(objectName, a => a.Code.ret());
            obj.Symbols.Add(new ObjectSymbol("f", obj.Sections[0], 0, 1, SymbolBinding.Weak, SymbolType.Function));
            return obj;
        }
        var result = TestObjects.Link(WeakFunction("a.o"), WeakFunction("b.o"));
        Assert.Equal(new ElfImageView(result.Image).Section(".text").Address, result.Symbols["f"]);
    }

    [Fact]
    public void UndefinedWeakReferenceResolvesToZero()
    {
        var obj = new ObjectFile("a.o");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[8], 8));
        obj.Symbols.Add(new ObjectSymbol("slot", data, 0, 8, SymbolBinding.Global, SymbolType.Object));
        data.Relocations.Add(new ObjectRelocation(0, RelocationType.Absolute64, TestObjects.Undefined("optional", SymbolBinding.Weak), 5));
        var result = TestObjects.Link(obj);
        Assert.Equal(5UL, new ElfImageView(result.Image).U64At(result.Symbols["slot"]));
    }

    [Fact]
    public void LocalsResolveWithinTheirObject()
    {
        ObjectFile WithHelper(string objectName, string entry) => TestObjects.Code(objectName, a =>
        {
            a.Global(entry);
            a.CallExternal("helper");
            a.Code.ret();
            a.Local("helper");
            a.Code.ret();
        });
        var result = TestObjects.Link(WithHelper("a.o", "fa"), WithHelper("b.o", "fb"));
        var image = new ElfImageView(result.Image);
        foreach (string entry in new[] { "fa", "fb" })
        {
            ulong start = result.Symbols[entry];
            Assert.Equal(1, image.I32At(start + 1)); // the helper right after the call and the ret of its own object
        }
        Assert.Equal(2, image.Symbols.FindAll(s => s.Name == "helper" && s.Info >> 4 == 0).Count);
        Assert.False(result.Symbols.ContainsKey("helper"));
    }

    [Fact]
    public void AbsoluteSymbolsKeepTheirValue()
    {
        var obj = new ObjectFile("a.o");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[8], 8));
        obj.Symbols.Add(new ObjectSymbol("slot", data, 0, 8, SymbolBinding.Global, SymbolType.Object));
        obj.Symbols.Add(new ObjectSymbol("magic", null, 0x1234, 0, SymbolBinding.Global, SymbolType.Absolute));
        data.Relocations.Add(new ObjectRelocation(0, RelocationType.Absolute64, TestObjects.Undefined("magic"), 1));
        var result = TestObjects.Link(obj);
        Assert.Equal(0x1235UL, new ElfImageView(result.Image).U64At(result.Symbols["slot"]));
    }

    [Fact]
    public void ObjectMayNotDefineALinkerSymbol()
    {
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(TestObjects.Function("a.o", "__sharprun_image_end")));
        Assert.Contains("defined by the linker and by a.o", e.Message);
    }

    [Fact]
    public void ReferenceToAnUnloadedSectionIsAnError()
    {
        var obj = TestObjects.Function("a.o", "f");
        var debug = obj.AddSection(new ObjectSection(".debug_info", SectionKind.NonAlloc, new byte[4], 1));
        obj.Symbols.Add(new ObjectSymbol("debug_thing", debug, 0, 0, SymbolBinding.Global, SymbolType.Object));
        TestObjects.AddSection(obj, a => a.QwordAddress("debug_thing"), ".data", SectionKind.Data);
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("debug_thing is in section .debug_info, which is not loaded", e.Message);
    }
}
