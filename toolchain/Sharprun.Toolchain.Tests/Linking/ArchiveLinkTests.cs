using System.Linq;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class ArchiveLinkTests
{
    private static ObjectFile Caller(string name, params string[] callees) => TestObjects.Code(name, a =>
    {
        a.Global("start");
        foreach (string callee in callees)
            a.CallExternal(callee);
        a.Code.hlt();
    });

    private static TestArchiveWriter.Member Member(string name, string defines, params string[] calls)
    {
        var obj = TestObjects.Code(name, a =>
        {
            a.Global(defines);
            foreach (string callee in calls)
                a.CallExternal(callee);
            a.Code.ret();
        });
        return new TestArchiveWriter.Member(name, TestElfObjectWriter.Write(obj), defines);
    }

    private static ObjectArchive Archive(string name, params TestArchiveWriter.Member[] members) =>
        ArchiveReader.Read(TestArchiveWriter.Write(members), name);

    private static LinkResult Link(ObjectFile obj, params ObjectArchive[] archives) =>
        ElfLinker.Link(new LinkOptions { Objects = [obj], Archives = archives });

    [Fact]
    public void PullsOnlyTheMembersThatDefineNeededSymbolsToAFixedPoint()
    {
        var first = Archive("libfirst.a", Member("f.o", "f", "g"), Member("unused.o", "unused", "missing"));
        var second = Archive("libsecond.a", Member("g.o", "g", "h"), Member("h.o", "h", "f"));
        var result = Link(Caller("main.o", "f"), first, second);
        Assert.Contains("f", result.Symbols.Keys);
        Assert.Contains("g", result.Symbols.Keys);
        Assert.Contains("h", result.Symbols.Keys);
        Assert.DoesNotContain("unused", result.Symbols.Keys);
        Assert.Contains("libsecond.a(h.o)", result.Map);
        Assert.DoesNotContain("unused.o", result.Map);
    }

    [Fact]
    public void AnObjectsOwnDefinitionWinsAndWeakReferencesPullNothing()
    {
        var main = Caller("main.o", "f");
        main.Symbols.Add(TestObjects.Undefined("maybe", SymbolBinding.Weak));
        var own = TestObjects.Function("own.o", "f");
        var archive = Archive("liba.a", Member("f.o", "f"), Member("maybe.o", "maybe"));
        var result = ElfLinker.Link(new LinkOptions { Objects = [main, own], Archives = [archive] });
        Assert.DoesNotContain("liba.a", result.Map);
    }

    [Fact]
    public void ASymbolNoMemberDefinesIsStillReportedUndefined()
    {
        var archive = Archive("liba.a", Member("f.o", "f", "nowhere"));
        var e = Assert.Throws<LinkException>(() => Link(Caller("main.o", "f"), archive));
        Assert.Contains("undefined symbol nowhere, referenced by liba.a(f.o)", e.Message);
    }

    [Fact]
    public void AMemberThatIsNotAnObjectIsAClearError()
    {
        var archive = Archive("liba.a", new TestArchiveWriter.Member("junk.o", [1, 2, 3, 4], "f"));
        var e = Assert.Throws<LinkException>(() => Link(Caller("main.o", "f"), archive));
        Assert.Contains("cannot read archive member liba.a(junk.o) (pulled in for f)", e.Message);
    }

    [Fact]
    public void PerFunctionSectionsJoinTheirFamily()
    {
        var obj = TestObjects.Code("a.o", a =>
        {
            a.Global("f");
            a.Code.ret();
        }, ".text.f");
        TestObjects.AddSection(obj, a =>
        {
            a.Global("g");
            a.Code.ret();
        }, ".text.g", SectionKind.Code);
        TestObjects.AddSection(obj, a =>
        {
            a.GlobalData("table");
            a.QwordAddress("f");
        }, ".data.rel.ro.table", SectionKind.Data);
        var image = new ElfImageView(TestObjects.Link(obj).Image);
        Assert.DoesNotContain(image.Sections, s => s.Name.StartsWith(".text.", System.StringComparison.Ordinal));
        Assert.Contains(image.Sections, s => s.Name == ".text");
        Assert.Contains(image.Sections, s => s.Name == ".data.rel.ro");
        Assert.Equal(".text", ImageLayout.OutputNameOf(".text.deflate_slow"));
        Assert.Equal(".data.rel.ro", ImageLayout.OutputNameOf(".data.rel.ro.functable"));
        Assert.Equal(".rodata", ImageLayout.OutputNameOf(".rodata.str1.1"));
        Assert.Equal(".bss", ImageLayout.OutputNameOf(".bss.state"));
        Assert.Equal(".textual", ImageLayout.OutputNameOf(".textual"));
        Assert.Equal("__managedcode", ImageLayout.OutputNameOf("__managedcode"));
    }
}
