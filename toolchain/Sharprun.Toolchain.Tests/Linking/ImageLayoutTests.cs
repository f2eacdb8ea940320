using System;
using System.Buffers.Binary;
using System.Linq;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class ImageLayoutTests
{
    private const uint PtLoad = 1, PtNote = 4, PtTls = 7;
    private const uint PfX = 1, PfW = 2, PfR = 4;

    private static ObjectFile Kernel()
    {
        var obj = TestObjects.Code("kernel.o", a =>
        {
            a.Global("pvh_start");
            a.Code.hlt();
            a.Global("mb2_start");
            a.Code.hlt();
        });
        TestObjects.AddSection(obj, a => a.Code.dq(0x1122334455667788UL), ".rodata", SectionKind.ReadOnlyData);
        TestObjects.AddSection(obj, a =>
        {
            a.GlobalData("counter");
            a.Code.dq(7UL);
        }, ".data", SectionKind.Data);
        TestObjects.AddSection(obj, a => a.QwordAddress("pvh_start"), "__modules", SectionKind.Data, 8);
        obj.AddSection(ObjectSection.Zeroed(".bss", SectionKind.ZeroData, 0x3000, 64));
        return obj;
    }

    private static LinkResult LinkKernel(bool strip = false) => ElfLinker.Link(new LinkOptions
    {
        Objects = [Kernel()],
        PvhEntrySymbol = "pvh_start",
        Multiboot2EntrySymbol = "mb2_start",
        Strip = strip,
    });

    [Fact]
    public void SegmentsArePackedInTheFileButNeverSharePagesInMemory()
    {
        var image = new ElfImageView(LinkKernel().Image);
        Assert.Equal(2, image.Type);
        Assert.Equal(62, image.Machine);
        var loads = image.ProgramHeaders.Where(p => p.Type == PtLoad).ToList();
        Assert.Equal(new[] { PfR, PfR | PfX, PfR | PfW }, loads.Select(p => p.Flags));
        Assert.Equal(0x100000UL, loads[0].Address);
        Assert.Equal(0UL, loads[0].Offset);
        foreach (var load in loads)
        {
            Assert.Equal(load.Address, load.PhysicalAddress);
            Assert.Equal(load.Address % 4096, load.Offset % 4096);
            Assert.Equal(4096UL, load.Align);
        }
        for (int i = 1; i < loads.Count; i++)
        {
            ulong previousEnd = loads[i - 1].Address + loads[i - 1].MemorySize;
            Assert.True(loads[i].Address >= (previousEnd + 4095) / 4096 * 4096, $"segment {i} shares a page with segment {i - 1}");
            ulong previousFileEnd = loads[i - 1].Offset + loads[i - 1].FileSize;
            Assert.InRange(loads[i].Offset, previousFileEnd, previousFileEnd + 63);
        }
        var bss = image.Section(".bss");
        Assert.Equal(8u, bss.Type);
        Assert.Equal(loads[2].Address + loads[2].MemorySize, bss.Address + bss.Size);
        Assert.True(loads[2].MemorySize >= loads[2].FileSize + 0x3000);
    }

    [Fact]
    public void PvhNoteCarriesTheEntryAndEEntryMatches()
    {
        var result = LinkKernel();
        var image = new ElfImageView(result.Image);
        ulong entry = result.Symbols["pvh_start"];
        Assert.Equal(entry, image.Entry);
        var note = image.ProgramHeaders.Single(p => p.Type == PtNote);
        Assert.Equal(4UL, note.Align);
        var bytes = image.Bytes.AsSpan((int)note.Offset, (int)note.FileSize);
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(4)));
        Assert.Equal(18u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(8)));
        Assert.Equal("Xen\0"u8.ToArray(), bytes.Slice(12, 4).ToArray());
        Assert.Equal((uint)entry, BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(16)));
    }

    [Fact]
    public void Multiboot2HeaderIsWithinTheFirst32KiBWithEntryTag()
    {
        var result = LinkKernel();
        var bytes = result.Image;
        int at = -1;
        for (int i = 0; i + 4 <= Math.Min(bytes.Length, 32768); i += 8)
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == 0xE85250D6)
            {
                at = i;
                break;
            }
        Assert.True(at >= 0);
        var header = bytes.AsSpan(at);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(8));
        uint sum = 0;
        for (int i = 0; i < 16; i += 4)
            sum += BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(i));
        Assert.Equal(0u, sum);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(4)));
        Assert.True(at + length <= 32768);
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(16)));
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(20)));
        Assert.Equal((uint)result.Symbols["mb2_start"], BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(24)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(32)));
        Assert.Equal(8u, BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(36)));
        Assert.Equal(40u, length);
    }

    [Fact]
    public void LinkerDefinedSymbolsDescribeTheLayout()
    {
        var result = LinkKernel();
        var image = new ElfImageView(result.Image);
        var s = result.Symbols;
        var modules = image.Section("__modules");
        Assert.Equal(modules.Address, s["__start___modules"]);
        Assert.Equal(modules.Address + 8, s["__stop___modules"]);
        Assert.Equal(s["pvh_start"], image.U64At(modules.Address));
        Assert.Equal(0x100000UL, s["__sharprun_image_start"]);
        var bss = image.Section(".bss");
        Assert.Equal(0UL, s["__sharprun_image_end"] % 4096);
        Assert.True(s["__sharprun_image_end"] >= bss.Address + bss.Size);
        Assert.True(s["__sharprun_image_end"] - (bss.Address + bss.Size) < 4096);
        var loads = image.ProgramHeaders.Where(p => p.Type == PtLoad).ToList();
        Assert.Equal(loads[0].Address, s["__sharprun_rodata_start"]);
        Assert.Equal(loads[0].Address + loads[0].MemorySize, s["__sharprun_rodata_end"]);
        Assert.Equal(loads[1].Address, s["__sharprun_text_start"]);
        Assert.Equal(loads[1].Address + loads[1].MemorySize, s["__sharprun_text_end"]);
        Assert.Equal(loads[2].Address, s["__sharprun_data_start"]);
        Assert.Equal(loads[2].Address + loads[2].MemorySize, s["__sharprun_data_end"]);
        Assert.False(s.ContainsKey("__start_.text"));
        Assert.Equal(s["__sharprun_tls_start"], s["__sharprun_tls_end"]);
        Assert.Equal(image.Section(".eh_frame_hdr").Address, s["__sharprun_eh_frame_hdr"]);
        Assert.Equal(image.SymbolNamed("__sharprun_image_end").Value, s["__sharprun_image_end"]);
    }

    [Fact]
    public void SymbolTableHasFinalAddressesAndMapListsEverything()
    {
        var result = LinkKernel();
        var image = new ElfImageView(result.Image);
        var counter = image.SymbolNamed("counter");
        Assert.Equal(result.Symbols["counter"], counter.Value);
        Assert.Equal(".data", image.Sections[counter.SectionIndex].Name);
        Assert.Equal(7UL, image.U64At(counter.Value));
        Assert.Contains("kernel.o(.data)", result.Map);
        Assert.Contains("__modules", result.Map);
        Assert.Contains($"0x{result.Symbols["counter"]:x16}  counter", result.Map);
        Assert.Contains("RX", result.Map);
    }

    [Fact]
    public void AFunctionWithSeveralNamesKeepsItsShortestInTheSymbolTableAndAllInTheMap()
    {
        var a = TestObjects.Code("a.o", x =>
        {
            x.Global("Sharprun_Kernel_Pal__Exit");
            x.Global("SystemNative_Exit");
            x.Code.ret();
            x.Global("SystemNative_Abort");
            x.Code.ret();
        });
        var result = TestObjects.Link(TestObjects.Function("b.o", "main"), a);
        var names = new ElfImageView(result.Image).Symbols.Select(s => s.Name).ToList();
        Assert.Contains("SystemNative_Exit", names);
        Assert.Contains("SystemNative_Abort", names);
        Assert.DoesNotContain("Sharprun_Kernel_Pal__Exit", names);
        Assert.Contains("Sharprun_Kernel_Pal__Exit", result.Map);
        Assert.Equal(result.Symbols["SystemNative_Exit"], result.Symbols["Sharprun_Kernel_Pal__Exit"]);
    }

    [Fact]
    public void StripDropsTheSymbolTable()
    {
        var result = LinkKernel(strip: true);
        var image = new ElfImageView(result.Image);
        Assert.DoesNotContain(image.Sections, s => s.Name is ".symtab" or ".strtab");
        Assert.Empty(image.Symbols);
        Assert.Equal(result.Symbols["__sharprun_symbols"], result.Symbols["__sharprun_symbols_end"]);
    }

    [Fact]
    public void TheSymbolTableIsLoadedForThePanicSymbolizerAndIsTheOneGdbReads()
    {
        var a = TestObjects.Code("a.o", x =>
        {
            x.Global("zeta");
            x.Code.ret();
            x.Local("alpha");
            x.Code.ret();
        });
        TestObjects.AddSection(a, x =>
        {
            x.GlobalData("not_a_function");
            x.Code.dq(0UL);
        }, ".data", SectionKind.Data);
        var b = TestObjects.Function("b.o", "middle");
        var result = TestObjects.Link(b, a);
        var image = new ElfImageView(result.Image);

        var symtab = image.Section(".symtab");
        var strtab = image.Section(".strtab");
        Assert.NotEqual(0UL, symtab.Flags & 2); // SHF_ALLOC
        Assert.NotEqual(0UL, strtab.Flags & 2);
        Assert.Equal(image.Sections.IndexOf(strtab), (int)symtab.Link);
        Assert.Contains(image.ProgramHeaders, p => p.Type == 1 && p.Address <= symtab.Address && symtab.Address + symtab.Size <= p.Address + p.FileSize);
        Assert.Equal(symtab.Address, result.Symbols["__sharprun_symbols"]);
        Assert.Equal(symtab.Address + symtab.Size, result.Symbols["__sharprun_symbols_end"]);
        Assert.Equal(strtab.Address, result.Symbols["__sharprun_symbol_names"]);

        // What the kernel reads at those addresses is what a section-header reader (gdb, readelf) sees.
        var loaded = Enumerable.Range(1, (int)(symtab.Size / 24) - 1).Select(i =>
        {
            ulong entry = symtab.Address + (ulong)i * 24;
            ulong nameAt = strtab.Address + image.U32At(entry);
            int length = 0;
            while (image.At(nameAt + (ulong)length, 1)[0] != 0)
                length++;
            return (Name: System.Text.Encoding.UTF8.GetString(image.At(nameAt, length)), Value: image.U64At(entry + 8));
        }).ToList();
        Assert.Equal(image.Symbols.Select(s => (s.Name, s.Value)), loaded);
        Assert.Contains(("zeta", result.Symbols["zeta"]), loaded);
        Assert.Contains(loaded, s => s.Name == "alpha");
        Assert.Contains(loaded, s => s.Name == "not_a_function");
    }

    [Fact]
    public void IlcsInternalDataLabelsAreLeftOut()
    {
        var a = TestObjects.Function("a.o", "f");
        TestObjects.AddSection(a, x =>
        {
            x.GlobalData("_lsda0f");
            x.Code.dq(0UL);
        }, ".dotnet_eh_table", SectionKind.ReadOnlyData);
        TestObjects.AddSection(a, x =>
        {
            foreach (var label in new[] { "__ehinfo0f", "_associatedData_f", "__Str_Hello_ABCDEF", "_ZTV7MyClass", "__GCSTATICSMyClass",
                         "__writableDataS_P_CoreLib_MyClass", "S_P_CoreLib__PrivateImplementationDetails___AEB31B4AC595", "g_kept" })
            {
                x.GlobalData(label);
                x.Code.dq(0UL);
            }
        }, ".data", SectionKind.Data);
        var result = TestObjects.Link(a);
        var names = new ElfImageView(result.Image).Symbols.Select(s => s.Name).ToList();
        Assert.Contains("f", names);
        Assert.Contains("g_kept", names);
        Assert.DoesNotContain("_ZTV7MyClass", names);
        Assert.DoesNotContain("__GCSTATICSMyClass", names);
        Assert.DoesNotContain("__writableDataS_P_CoreLib_MyClass", names);
        Assert.DoesNotContain("_lsda0f", names);
        Assert.DoesNotContain("__ehinfo0f", names);
        Assert.DoesNotContain("_associatedData_f", names);
        Assert.DoesNotContain("__Str_Hello_ABCDEF", names);
        Assert.DoesNotContain("S_P_CoreLib__PrivateImplementationDetails___AEB31B4AC595", names);
        // The symbols are gone from the table, not from the image: code still reaches the data through relocations.
        Assert.True(result.Symbols.ContainsKey("__Str_Hello_ABCDEF"));
    }

    [Fact]
    public void CustomBaseAddressMustBePageAligned()
    {
        var result = ElfLinker.Link(new LinkOptions { Objects = [TestObjects.Function("a.o", "f")], BaseAddress = 0x200000 });
        Assert.Equal(0x200000UL, new ElfImageView(result.Image).ProgramHeaders[0].Address);
        Assert.Throws<LinkException>(() => ElfLinker.Link(new LinkOptions { Objects = [TestObjects.Function("a.o", "f")], BaseAddress = 0x200010 }));
    }

    [Fact]
    public void MissingEntrySymbolIsAnError()
    {
        var e = Assert.Throws<LinkException>(() => ElfLinker.Link(new LinkOptions { Objects = [TestObjects.Function("a.o", "f")], PvhEntrySymbol = "nope" }));
        Assert.Contains("PVH entry symbol nope", e.Message);
    }

    [Fact]
    public void SectionKindsMustAgreeAcrossObjects()
    {
        var a = TestObjects.Function("a.o", "f");
        var b = new ObjectFile("b.o");
        b.AddSection(new ObjectSection(".text", SectionKind.Data, new byte[4], 4));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(a, b));
        Assert.Contains("section .text is Code in a.o but Data in b.o", e.Message);
    }

    [Fact]
    public void NoTlsMeansNoTlsProgramHeader()
    {
        var image = new ElfImageView(LinkKernel().Image);
        Assert.DoesNotContain(image.ProgramHeaders, p => p.Type == PtTls);
    }
}
