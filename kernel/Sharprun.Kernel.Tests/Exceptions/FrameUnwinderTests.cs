using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class FrameUnwinderTests
{
    /// <summary>
    /// A frame of h.Program.Main after its prolog (CFA = SP + 96): locals, then rbx, r13, r14, r15, rbp
    /// and the return address just below the CFA.
    /// </summary>
    private sealed class MainFrame
    {
        public readonly PinnedMemory Stack = new(0x200);
        public readonly nuint* Sp;
        public readonly nuint* Cfa;
        public readonly PalLimitedContext* Callee;
        public RegDisplay Registers;

        public MainFrame()
        {
            Sp = (nuint*)Stack.At(0x40);
            Cfa = Sp + 12;
            Cfa[-1] = 0x1234_5678;   // return address
            Cfa[-2] = 0xB0;          // rbp
            Cfa[-3] = 0x15;          // r15
            Cfa[-4] = 0x14;          // r14
            Cfa[-5] = 0x13;          // r13
            Cfa[-6] = 0xB3;          // rbx
            Callee = (PalLimitedContext*)Stack.At(0x100);
            Registers.SP = (nuint)Sp;
            Registers.IP = 0x9999;
            Registers.PRbp = &Callee->Rbp;
            Registers.PRbx = &Callee->Rbx;
            Registers.PR12 = &Callee->R12;
            Registers.PR13 = &Callee->R13;
            Registers.PR14 = &Callee->R14;
            Registers.PR15 = &Callee->R15;
            Registers.PRax = &Callee->Rax;
            Registers.PRdx = &Callee->Rdx;
        }
    }

    private static UnwindRow MainRow()
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x100, UnwindImage.EhTableStart, UnwindImage.MainPrologInstructions);
        FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out var description);
        Assert.Equal(UnwindDataError.None, CfiInterpreter.Run(description, (ulong)image.At(0x180), out var row));
        return row;
    }

    /// <summary>
    /// A row made the only way rows are made, by the interpreter: a program of def_cfa_sf and
    /// offset_extended_sf under a CIE whose data alignment is 1, so offsets are taken literally.
    /// </summary>
    private static UnwindRow Row(int cfaRegister, long cfaOffset, params (int Register, long Offset)[] saved)
    {
        var program = new PinnedMemory(256);
        program.Byte(0x12);
        program.Uleb((ulong)cfaRegister);
        program.Sleb(cfaOffset);
        foreach (var (register, offset) in saved)
        {
            program.Byte(0x11);
            program.Uleb((ulong)register);
            program.Sleb(offset);
        }
        var instructions = new byte[program.Position];
        for (int i = 0; i < instructions.Length; i++)
            instructions[i] = *program.At(i);

        var image = new UnwindImage();
        int cie = image.Cie([], dataAlignment: 1);
        int fde = image.Fde(cie, 0x100, 0x10, UnwindImage.EhTableStart, instructions);
        Assert.Equal(UnwindDataError.None, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out var description));
        Assert.Equal(UnwindDataError.None, CfiInterpreter.Run(description, (ulong)image.At(0x100), out var row));
        return row;
    }

    /// <summary><see cref="MainRow"/> with one more rule.</summary>
    private static UnwindRow MainRowWith(int register, long offset) =>
        Row(7, 96, (16, -8), (6, -16), (15, -24), (14, -32), (13, -40), (3, -48), (register, offset));

    [Fact]
    public void StepsToTheCaller()
    {
        var frame = new MainFrame();
        UnwindRow row = MainRow();
        fixed (RegDisplay* registers = &frame.Registers)
        {
            Assert.Equal(UnwindDataError.None, FrameUnwinder.TryStep(registers, row, 16));
            Assert.Equal((nuint)frame.Cfa, registers->SP);
            Assert.Equal((nuint)0x1234_5678, registers->IP);
            Assert.Equal((nuint)0xB0, *registers->PRbp);
            Assert.Equal((nuint)0xB3, *registers->PRbx);
            Assert.Equal((nuint)0x13, *registers->PR13);
            Assert.Equal((nuint)0x14, *registers->PR14);
            Assert.Equal((nuint)0x15, *registers->PR15);
            Assert.True(registers->PR12 == &frame.Callee->R12, "r12 was not saved by this frame: keeps its slot");
            Assert.True(registers->PRax == null && registers->PRdx == null, "scratch registers do not survive a call");
        }
    }

    [Fact]
    public void ComputesTheCfaFromTheFramePointer()
    {
        var frame = new MainFrame();
        frame.Callee->Rbp = (nuint)(frame.Cfa - 2);
        UnwindRow row = Row(6, 16, (16, -8), (6, -16));
        fixed (RegDisplay* registers = &frame.Registers)
        {
            Assert.Equal(UnwindDataError.None, FrameUnwinder.TryStep(registers, row, 16));
            Assert.Equal((nuint)frame.Cfa, registers->SP);
            Assert.Equal((nuint)0xB0, *registers->PRbp);
        }
    }

    [Theory]
    [InlineData(7, 0)]    // CFA not above SP
    [InlineData(7, -8)]
    [InlineData(7, 12)]   // misaligned
    [InlineData(6, 16)]   // rbp holds a value below SP
    public void RejectsImpossibleCfas(int register, long offset)
    {
        var frame = new MainFrame();
        frame.Callee->Rbp = 0x10;
        AssertRejectedUnchanged(frame, Row(register, offset, (16, -8)), UnwindDataError.BadOffset);
    }

    [Fact]
    public void RejectsACfaRegisterWithNoKnownValue()
    {
        // rcx: its slot is not tracked at a throw site.
        AssertRejectedUnchanged(new MainFrame(), Row(2, 8, (16, -8)), UnwindDataError.BadRegister);
    }

    [Fact]
    public void RejectsAMissingReturnAddress()
    {
        AssertRejectedUnchanged(new MainFrame(), Row(7, 96), UnwindDataError.BadRegister);
    }

    [Theory]
    [InlineData(16, 0)]      // return address at the CFA: in the caller's frame
    [InlineData(6, 8)]       // rbp above the CFA
    [InlineData(3, -200)]    // rbx below SP
    [InlineData(14, -12)]    // misaligned slot
    public void RejectsSlotsOutsideTheFrame(int register, long offset)
    {
        AssertRejectedUnchanged(new MainFrame(), MainRowWith(register, offset), UnwindDataError.BadOffset);
    }

    private static void AssertRejectedUnchanged(MainFrame frame, in UnwindRow row, UnwindDataError expected)
    {
        RegDisplay before = frame.Registers;
        fixed (RegDisplay* registers = &frame.Registers)
        {
            Assert.Equal(expected, FrameUnwinder.TryStep(registers, row, 16));
            Assert.Equal(before.SP, registers->SP);
            Assert.Equal(before.IP, registers->IP);
            Assert.True(before.PRbp == registers->PRbp && before.PRbx == registers->PRbx && before.PRax == registers->PRax);
        }
    }
}
