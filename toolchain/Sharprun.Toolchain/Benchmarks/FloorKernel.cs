using System.Text;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.LowLevel;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The boot-time floor: the smallest PVH kernel that does what the benchmark times. Entered by QEMU in 32-bit
/// protected mode (no long mode, no paging), it writes <see cref="Marker"/> and a newline to COM1, then writes 0
/// to the isa-debug-exit port, which ends QEMU. Assembled with our <see cref="StubAssembler"/> and linked with our
/// <see cref="ElfLinker"/>, so it boots exactly the way Sharprun images do.
/// </summary>
public static class FloorKernel
{
    public const string Marker = "sharprun-bench: floor kernel reached";
    public const string EntrySymbol = "floor_pvh_entry";
    private const string MessageSymbol = "floor_message";
    private const ushort Com1 = 0x3F8;
    private const ushort DebugExitPort = 0xF4;

    public static byte[] Build()
    {
        byte[] message = Encoding.ASCII.GetBytes(Marker + "\n");
        var s = new StubAssembler(32);
        var a = s.Code;

        s.Global(EntrySymbol);
        a.cli();
        a.cld();
        // mov esi, floor_message: the linker fills in the absolute address.
        s.EmitWithRelocation([0xBE, 0, 0, 0, 0], 1, RelocationType.Absolute32, MessageSymbol);
        a.mov(ecx, message.Length);
        a.mov(dx, Com1);
        var next = a.CreateLabel();
        a.Label(ref next);
        a.lodsb();
        a.@out(dx, al);
        a.dec(ecx);
        a.jnz(next);

        a.mov(dx, DebugExitPort);
        a.xor(eax, eax);
        a.@out(dx, eax);
        // Without an isa-debug-exit device the write does nothing: stop here.
        var halt = a.CreateLabel();
        a.Label(ref halt);
        a.hlt();
        a.jmp(halt);

        s.GlobalData(MessageSymbol);
        a.db(message);

        var obj = new ObjectFile("floor-kernel");
        s.Build(obj, ".text", SectionKind.Code);
        return ElfLinker.Link(new LinkOptions { Objects = [obj], PvhEntrySymbol = EntrySymbol, Strip = true }).Image;
    }
}
