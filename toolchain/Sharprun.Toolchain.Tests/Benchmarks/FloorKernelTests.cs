using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Iced.Intel;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Tests.Linking;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class FloorKernelTests
{
    private const uint PtLoad = 1, PtNote = 4, PfX = 1;

    [Fact]
    public void IsAnX86_64ExecutableWithAPvhNoteNamingItsEntry()
    {
        var image = new ElfImageView(FloorKernel.Build());
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1 }, image.Bytes.Take(6));
        Assert.Equal(2, image.Type);      // ET_EXEC
        Assert.Equal(62, image.Machine);  // EM_X86_64

        var note = image.ProgramHeaders.Single(p => p.Type == PtNote);
        var n = image.Bytes.AsSpan((int)note.Offset, (int)note.FileSize);
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(n));            // namesz
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(n[4..]));       // descsz
        Assert.Equal(18u, BinaryPrimitives.ReadUInt32LittleEndian(n[8..]));      // XEN_ELFNOTE_PHYS32_ENTRY
        Assert.Equal("Xen\0", Encoding.ASCII.GetString(n.Slice(12, 4)));
        Assert.Equal(image.Entry, BinaryPrimitives.ReadUInt32LittleEndian(n[16..]));

        Assert.Contains(image.ProgramHeaders, p => p.Type == PtLoad && (p.Flags & PfX) != 0
            && image.Entry >= p.Address && image.Entry < p.Address + p.FileSize);
        Assert.True(image.Entry < 1UL << 32, "a PVH entry must be a 32-bit address");
    }

    [Fact]
    public void EntryCodePrintsTheMarkerOnCom1AndExitsThroughIsaDebugExit()
    {
        var image = new ElfImageView(FloorKernel.Build());
        var code = image.At(image.Entry, 64).ToArray();
        var decoder = Iced.Intel.Decoder.Create(32, new ByteArrayCodeReader(code), image.Entry);
        var instructions = new List<Instruction>();
        while (instructions.Count < 16)
            instructions.Add(decoder.Decode());

        var movEsi = instructions.First(i => i.Code == Code.Mov_r32_imm32 && i.Op0Register == Register.ESI);
        var movEcx = instructions.First(i => i.Code == Code.Mov_r32_imm32 && i.Op0Register == Register.ECX);
        string message = Encoding.ASCII.GetString(image.At(movEsi.Immediate32, (int)movEcx.Immediate32));
        Assert.Equal(FloorKernel.Marker + "\n", message);

        var ports = instructions.Where(i => i.Code == Code.Mov_r16_imm16 && i.Op0Register == Register.DX).Select(i => i.Immediate16).ToList();
        Assert.Equal(new ushort[] { 0x3F8, 0xF4 }, ports);
        Assert.Contains(instructions, i => i.Code == Code.Out_DX_AL);
        Assert.Contains(instructions, i => i.Code == Code.Out_DX_EAX);
    }

    [Fact]
    public void IsTinyAndStripped()
    {
        var image = new ElfImageView(FloorKernel.Build());
        Assert.DoesNotContain(image.Sections, s => s.Name == ".symtab");
        Assert.True(image.Bytes.Length < 64 * 1024, $"the floor kernel is {image.Bytes.Length} bytes");
    }
}
