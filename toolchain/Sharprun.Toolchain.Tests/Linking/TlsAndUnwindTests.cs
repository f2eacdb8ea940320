using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class TlsAndUnwindTests
{
    /// <summary>
    /// The general-dynamic sequence: data16 lea rdi, [rip + tls_index]; data16 data16 rex.W call __tls_get_addr,
    /// with TLSGD at the lea's displacement and PLT32 at the call's.
    /// </summary>
    private static ObjectFile TlsUser()
    {
        var obj = new ObjectFile("tls.o");
        byte[] sequence = [0x66, 0x48, 0x8D, 0x3D, 0, 0, 0, 0, 0x66, 0x66, 0x48, 0xE8, 0, 0, 0, 0];
        var code = obj.AddSection(new ObjectSection(".text", SectionKind.Code, [.. sequence, .. sequence, 0xC3], 16));
        obj.Symbols.Add(new ObjectSymbol("use_tls", code, 0, 33, SymbolBinding.Global, SymbolType.Function));
        var tdata = obj.AddSection(new ObjectSection(".tdata", SectionKind.ThreadData, Enumerable.Range(1, 12).Select(i => (byte)i).ToArray(), 4));
        var tbss = obj.AddSection(ObjectSection.Zeroed(".tbss", SectionKind.ThreadZeroData, 32, 16));
        var tlsA = new ObjectSymbol("tls_a", tdata, 8, 4, SymbolBinding.Global, SymbolType.ThreadLocal);
        var tlsB = new ObjectSymbol("tls_b", tbss, 4, 4, SymbolBinding.Local, SymbolType.ThreadLocal);
        obj.Symbols.Add(tlsA);
        obj.Symbols.Add(tlsB);
        code.Relocations.Add(new ObjectRelocation(4, RelocationType.TlsGd, tlsA, -4));
        code.Relocations.Add(new ObjectRelocation(12, RelocationType.Plt32, TestObjects.Undefined("__tls_get_addr"), -4));
        code.Relocations.Add(new ObjectRelocation(20, RelocationType.TlsGd, tlsB, -4));
        code.Relocations.Add(new ObjectRelocation(28, RelocationType.Plt32, TestObjects.Undefined("__tls_get_addr"), -4));
        var bss = obj.AddSection(ObjectSection.Zeroed(".bss", SectionKind.ZeroData, 64, 8));
        obj.Symbols.Add(new ObjectSymbol("zeroes", bss, 0, 64, SymbolBinding.Global, SymbolType.Object));
        return obj;
    }

    [Fact]
    public void TlsGdGetsATlsIndexEntryWithTheTemplateOffset()
    {
        var result = TestObjects.Link(TlsUser(), TestObjects.Function("rt.o", "__tls_get_addr"));
        var image = new ElfImageView(result.Image);
        var s = result.Symbols;
        ulong code = s["use_tls"];
        ulong tlsStart = s["__sharprun_tls_start"];
        var tdata = image.Section(".tdata");
        var tbss = image.Section(".tbss");
        Assert.Equal(tdata.Address, tlsStart);
        Assert.Equal(0UL, tlsStart % 16);
        Assert.Equal(tdata.Address + 12, s["__sharprun_tdata_end"]);
        Assert.Equal(tbss.Address + 32, s["__sharprun_tls_end"]);
        Assert.Equal(1u, tbss.Type); // .tbss is written as file zeros so the template is contiguous in memory and file

        ulong entryA = (ulong)((long)code + 8 + image.I32At(code + 4));
        ulong entryB = (ulong)((long)code + 24 + image.I32At(code + 20));
        var got = image.Section(".got");
        Assert.Equal(got.Address, entryA);
        Assert.Equal(got.Address + 16, entryB);
        Assert.Equal(1UL, image.U64At(entryA));
        Assert.Equal(8UL, image.U64At(entryA + 8));
        Assert.Equal(1UL, image.U64At(entryB));
        Assert.Equal(tbss.Address + 4 - tlsStart, image.U64At(entryB + 8));
        Assert.Equal((long)s["__tls_get_addr"] - (long)(code + 16), image.I32At(code + 12));

        var load = image.ProgramHeaders.Single(p => p.Type == 1 && p.Flags == 6);
        Assert.True(load.Address + load.FileSize >= tbss.Address + tbss.Size);
        Assert.True(got.Address < tdata.Address && tbss.Address < image.Section(".bss").Address);
        var tls = image.ProgramHeaders.Single(p => p.Type == 7);
        Assert.Equal(tlsStart, tls.Address);
        Assert.Equal(s["__sharprun_tls_end"] - tlsStart, tls.MemorySize);
        Assert.Equal(8UL, image.SymbolNamed("tls_a").Value); // STT_TLS values are template offsets
        Assert.Equal(new byte[] { 9, 10, 11, 12 }, image.At(tlsStart + 8, 4).ToArray());
    }

    [Fact]
    public void TlsGdAgainstANonTlsSymbolIsAnError()
    {
        var obj = TestObjects.Function("a.o", "plain");
        obj.Sections[0].Relocations.Add(new ObjectRelocation(0, RelocationType.TlsGd, TestObjects.Undefined("plain"), -4));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains("not in a thread-local section", e.Message);
    }

    /// <summary>.eh_frame with a 'zPLR' CIE and one FDE per function, in reverse address order.</summary>
    private static ObjectFile Unwound(string[] functions)
    {
        var obj = TestObjects.Code("f.o", a =>
        {
            foreach (string f in functions)
            {
                a.Global(f);
                a.Code.nop();
                a.Code.ret();
            }
        });
        var frame = new List<byte>();
        // CIE: id 0, version 1, "zPLR", code align 1, data align -8, RA 16, aug data: P=0x9b + 4 bytes, L=0x1b, R=0x1b.
        byte[] cie = [0, 0, 0, 0, 1, (byte)'z', (byte)'P', (byte)'L', (byte)'R', 0, 1, 0x78, 16, 7, 0x9b, 0, 0, 0, 0, 0x1b, 0x1b, 0, 0, 0];
        AddEntry(frame, cie);
        var relocations = new List<ObjectRelocation>();
        foreach (string f in functions.Reverse())
        {
            int start = frame.Count;
            int cieDistance = start + 4;
            byte[] fde = [.. BitConverter.GetBytes(cieDistance), 0, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0];
            relocations.Add(new ObjectRelocation(start + 8, RelocationType.Pc32, TestObjects.Undefined(f), 0));
            AddEntry(frame, fde);
        }
        var section = obj.AddSection(new ObjectSection(".eh_frame", SectionKind.ReadOnlyData, frame.ToArray(), 8));
        section.Relocations.AddRange(relocations);
        return obj;
    }

    private static void AddEntry(List<byte> frame, byte[] content)
    {
        frame.AddRange(BitConverter.GetBytes(content.Length));
        frame.AddRange(content);
    }

    [Fact]
    public void EhFrameHeaderIndexesEveryFdeSortedByAddress()
    {
        string[] functions = ["f1", "f2", "f3"];
        var result = TestObjects.Link(Unwound(functions), Unwound(["g1"]));
        var image = new ElfImageView(result.Image);
        var s = result.Symbols;
        ulong hdr = s["__sharprun_eh_frame_hdr"];
        var ehFrame = image.Section(".eh_frame");
        Assert.Equal(ehFrame.Address, s["__sharprun_eh_frame_start"]);
        Assert.Equal(ehFrame.Address + ehFrame.Size, s["__sharprun_eh_frame_end"]);
        Assert.Equal(new byte[] { 1, 0x1b, 0x03, 0x3b }, image.At(hdr, 4).ToArray());
        Assert.Equal(ehFrame.Address, (ulong)((long)hdr + 4 + image.I32At(hdr + 4)));
        uint count = image.U32At(hdr + 8);
        Assert.Equal(4u, count);
        var locations = new List<ulong>();
        for (uint i = 0; i < count; i++)
        {
            ulong location = (ulong)((long)hdr + image.I32At(hdr + 12 + i * 8));
            ulong fde = (ulong)((long)hdr + image.I32At(hdr + 16 + i * 8));
            locations.Add(location);
            // The FDE's pc_begin, decoded pcrel|sdata4, must be the same location.
            Assert.Equal(location, (ulong)((long)fde + 8 + image.I32At(fde + 8)));
        }
        Assert.Equal(new[] { s["f1"], s["f2"], s["f3"], s["g1"] }, locations);
    }

    [Fact]
    public void MalformedEhFrameIsRejected()
    {
        var obj = TestObjects.Function("a.o", "f");
        obj.AddSection(new ObjectSection(".eh_frame", SectionKind.ReadOnlyData, [0x40, 0, 0, 0, 0, 0, 0, 0], 8));
        var e = Assert.Throws<LinkException>(() => TestObjects.Link(obj));
        Assert.Contains(".eh_frame", e.Message);
        Assert.Contains("runs past the end", e.Message);
    }
}
