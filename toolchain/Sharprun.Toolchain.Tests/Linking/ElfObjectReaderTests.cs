using System;
using System.Buffers.Binary;
using System.Linq;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Objects;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class ElfObjectReaderTests
{
    /// <summary>Code calling out and taking an address, rodata, data with a pointer, bss, tdata, and a debug section.</summary>
    private static ObjectFile Sample()
    {
        var obj = TestObjects.Code("sample.o", a =>
        {
            a.Global("entry");
            a.CallExternal("external_function");
            a.LeaExternal(rdi, "message");
            a.Local("inner");
            a.Code.ret();
        });
        TestObjects.AddSection(obj, a =>
        {
            a.GlobalData("message");
            a.Code.db("hi\0"u8.ToArray());
        }, ".rodata", SectionKind.ReadOnlyData, 8);
        TestObjects.AddSection(obj, a =>
        {
            a.GlobalData("pointer");
            a.QwordAddress("entry", 2);
        }, ".data", SectionKind.Data, 8);
        var bss = obj.AddSection(ObjectSection.Zeroed(".bss", SectionKind.ZeroData, 0x100, 32));
        obj.Symbols.Add(new ObjectSymbol("buffer", bss, 0x10, 0x20, SymbolBinding.Weak, SymbolType.Object));
        var tdata = obj.AddSection(new ObjectSection(".tdata", SectionKind.ThreadData, new byte[8], 8));
        obj.Symbols.Add(new ObjectSymbol("tls_value", tdata, 0, 8, SymbolBinding.Global, SymbolType.ThreadLocal));
        var debug = obj.AddSection(new ObjectSection(".debug_info", SectionKind.NonAlloc, new byte[16], 1));
        debug.Relocations.Add(new ObjectRelocation(0, RelocationType.Absolute64, TestObjects.Undefined("entry"), 0));
        obj.Symbols.Add(new ObjectSymbol(".text", obj.Sections[0], 0, 0, SymbolBinding.Local, SymbolType.Section));
        obj.Symbols.Add(new ObjectSymbol("version", null, 42, 0, SymbolBinding.Global, SymbolType.Absolute));
        return obj;
    }

    [Fact]
    public void ReadsSectionsSymbolsAndRelocations()
    {
        var original = Sample();
        var read = ElfObjectReader.Read(TestElfObjectWriter.Write(original), "sample.o");
        Assert.Equal("sample.o", read.Name);
        Assert.Equal(original.Sections.Select(s => (s.Name, s.Kind, s.Size, s.Alignment)), read.Sections.Select(s => (s.Name, s.Kind, s.Size, s.Alignment)));
        for (int i = 0; i < original.Sections.Count; i++)
            Assert.Equal(original.Sections[i].Data, read.Sections[i].Data);
        Assert.True(read.Sections.Single(s => s.Name == ".bss").IsZeroFilled);

        var entry = read.Symbols.Single(s => s.Name == "entry");
        Assert.Equal((SymbolBinding.Global, SymbolType.Function, ".text", 0L), (entry.Binding, entry.Type, entry.Section!.Name, entry.Value));
        var inner = read.Symbols.Single(s => s.Name == "inner");
        Assert.Equal(SymbolBinding.Local, inner.Binding);
        Assert.Equal(original.Symbols.Single(s => s.Name == "inner").Value, inner.Value);
        var buffer = read.Symbols.Single(s => s.Name == "buffer");
        Assert.Equal((SymbolBinding.Weak, SymbolType.Object, 0x10L, 0x20L), (buffer.Binding, buffer.Type, buffer.Value, buffer.Size));
        Assert.Equal(SymbolType.ThreadLocal, read.Symbols.Single(s => s.Name == "tls_value").Type);
        var version = read.Symbols.Single(s => s.Name == "version");
        Assert.Equal((SymbolType.Absolute, 42L), (version.Type, version.Value));
        Assert.True(version.IsDefined);
        Assert.Equal(SymbolType.Section, read.Symbols.Single(s => s.Type == SymbolType.Section).Type);
        Assert.False(read.Symbols.Single(s => s.Name == "external_function").IsDefined);

        var text = read.Sections[0].Relocations;
        Assert.Equal(original.Sections[0].Relocations.Select(r => (r.Offset, r.Type, r.Symbol.Name, r.Addend)), text.Select(r => (r.Offset, r.Type, r.Symbol.Name, r.Addend)));
        Assert.Empty(read.Sections.Single(s => s.Name == ".debug_info").Relocations);
    }

    [Fact]
    public void ObjectsReadFromElfLink()
    {
        var read = ElfObjectReader.Read(TestElfObjectWriter.Write(Sample()), "sample.o");
        var result = TestObjects.Link(read, TestObjects.Function("lib.o", "external_function"));
        var image = new ElfImageView(result.Image);
        ulong entry = result.Symbols["entry"];
        Assert.Equal((long)result.Symbols["external_function"] - (long)(entry + 5), image.I32At(entry + 1));
        Assert.Equal(entry + 2, image.U64At(result.Symbols["pointer"]));
        Assert.Equal(42UL, result.Symbols["version"]);
    }

    [Fact]
    public void EveryTruncationIsRejectedCleanly()
    {
        var bytes = TestElfObjectWriter.Write(Sample());
        for (int length = 0; length < bytes.Length; length++)
            Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(bytes.AsSpan(0, length).ToArray(), "cut.o"));
    }

    [Fact]
    public void RandomCorruptionIsReadOrRejectedCleanly()
    {
        var original = TestElfObjectWriter.Write(Sample());
        var random = new Random(1234);
        for (int round = 0; round < 3000; round++)
        {
            var bytes = (byte[])original.Clone();
            int changes = 1 + random.Next(4);
            for (int i = 0; i < changes; i++)
            {
                // Aim half of the corruption at the headers and tables, where it matters most.
                int at = random.Next(2) == 0 ? random.Next(bytes.Length) : bytes.Length - 1 - random.Next(Math.Min(bytes.Length, 1200));
                bytes[at] = (byte)random.Next(256);
            }
            try
            {
                ElfObjectReader.Read(bytes, "fuzz.o");
            }
            catch (ElfFormatException)
            {
            }
        }
    }

    [Theory]
    [InlineData(4, 1, "ELFCLASS64")]
    [InlineData(5, 2, "little-endian")]
    [InlineData(18, 3, "x86-64")]
    [InlineData(16, 2, "ET_REL")]
    [InlineData(0, 0, "bad magic")]
    public void WrongIdentificationIsRejected(int offset, byte value, string expected)
    {
        var bytes = TestElfObjectWriter.Write(Sample());
        bytes[offset] = value;
        var e = Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(bytes, "bad.o"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.o: ", e.Message);
    }

    [Fact]
    public void SectionNameTableIndexOutOfRangeIsRejected()
    {
        var bytes = TestElfObjectWriter.Write(Sample());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(TestElfObjectWriter.ShStrNdxField), 200);
        Assert.Contains("out of range", Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(bytes, "bad.o")).Message);
    }

    [Fact]
    public void SectionContentsOutsideTheFileAreRejected()
    {
        var bytes = TestElfObjectWriter.Write(Sample());
        int header = TestElfObjectWriter.SectionHeaderOffset(bytes, 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(header + 32), 0x7fff_0000);
        Assert.Contains("outside the file", Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(bytes, "bad.o")).Message);
    }

    private static (byte[] Bytes, int SymbolTable) WithSymbolTable(ObjectFile obj)
    {
        var bytes = TestElfObjectWriter.Write(obj);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(TestElfObjectWriter.ShNumField));
        for (int i = 0; i < count; i++)
        {
            int header = TestElfObjectWriter.SectionHeaderOffset(bytes, i);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(header + 4)) == 2)
                return (bytes, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(header + 24)));
        }
        throw new InvalidOperationException("no symbol table");
    }

    [Fact]
    public void SymbolSectionIndexOutOfRangeIsRejected()
    {
        var (bytes, symtab) = WithSymbolTable(Sample());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(symtab + 24 + 6), 0x1234);
        Assert.Contains("section index 4660 is out of range", Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(bytes, "bad.o")).Message);
    }

    [Fact]
    public void CommonSymbolsAreRejectedClearly()
    {
        var (bytes, symtab) = WithSymbolTable(Sample());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(symtab + 24 + 6), 0xfff2);
        Assert.Contains("common symbols are not supported", Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(bytes, "bad.o")).Message);
    }

    [Fact]
    public void SymbolNameOutsideTheStringTableIsRejected()
    {
        var (bytes, symtab) = WithSymbolTable(Sample());
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(symtab + 24), 0xffffff);
        Assert.Contains("outside the string table", Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(bytes, "bad.o")).Message);
    }

    [Fact]
    public void RelocationProblemsAreRejected()
    {
        var obj = TestObjects.Function("r.o", "f");
        var data = obj.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[8], 8));
        data.Relocations.Add(new ObjectRelocation(0, RelocationType.Absolute64, TestObjects.Undefined("f"), 0));
        var bytes = TestElfObjectWriter.Write(obj);
        int relaOffset = FindRela(bytes);

        var badOffset = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(badOffset.AsSpan(relaOffset), 4);
        Assert.Contains("lies outside the section", Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(badOffset, "bad.o")).Message);

        var badSymbol = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(badSymbol.AsSpan(relaOffset + 8), (999UL << 32) | 1);
        Assert.Contains("symbol index 999 is out of range", Assert.Throws<ElfFormatException>(() => ElfObjectReader.Read(badSymbol, "bad.o")).Message);

        var unknownType = (byte[])bytes.Clone();
        ulong info = BinaryPrimitives.ReadUInt64LittleEndian(unknownType.AsSpan(relaOffset + 8));
        BinaryPrimitives.WriteUInt64LittleEndian(unknownType.AsSpan(relaOffset + 8), (info & 0xffff_ffff_0000_0000UL) | 37);
        var read = ElfObjectReader.Read(unknownType, "odd.o");
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(read));
        Assert.Contains("R_X86_64_IRELATIVE is not supported", e.Message);
    }

    private static int FindRela(byte[] bytes)
    {
        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(TestElfObjectWriter.ShNumField));
        for (int i = 0; i < count; i++)
        {
            int header = TestElfObjectWriter.SectionHeaderOffset(bytes, i);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(header + 4)) == 4)
                return (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(header + 24));
        }
        throw new InvalidOperationException("no relocation section");
    }
}
