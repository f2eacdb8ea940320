using System;
using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class CfiInterpreterTests
{
    private const int Rbx = 3, Rbp = 6, Rsp = 7, R13 = 13, R14 = 14, R15 = 15, ReturnAddress = 16;

    /// <summary>Runs <paramref name="instructions"/> as the FDE program of a 0x100-byte function under ILC's CIE.</summary>
    private static UnwindDataError Run(byte[] instructions, int offset, out UnwindRow row, byte[]? cieInstructions = null)
    {
        var image = new UnwindImage();
        int cie = image.Cie(cieInstructions);
        int fde = image.Fde(cie, 0x100, 0x100, UnwindImage.EhTableStart, instructions);
        Assert.Equal(UnwindDataError.None, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out var description));
        return CfiInterpreter.Run(description, (ulong)image.At(0x100 + offset), out row);
    }

    private static void AssertSaved(in UnwindRow row, int register, long offset)
    {
        Assert.True(row.IsSaved(register, out long actual), $"register {register} not saved");
        Assert.Equal(offset, actual);
    }

    [Fact]
    public void TheCieAloneDescribesTheFirstInstruction()
    {
        Assert.Equal(UnwindDataError.None, Run(UnwindImage.MainPrologInstructions, 0, out var row));
        Assert.Equal(Rsp, row.CfaRegister);
        Assert.Equal(8, row.CfaOffset);
        AssertSaved(row, ReturnAddress, -8);
        Assert.False(row.IsSaved(Rbp, out _));
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    [InlineData(3, 24)]
    [InlineData(7, 40)]
    [InlineData(8, 48)]
    [InlineData(11, 48)]
    [InlineData(12, 96)]
    [InlineData(0xFF, 96)]
    public void FollowsIlcsPrologRowByRow(int offset, long cfaOffset)
    {
        Assert.Equal(UnwindDataError.None, Run(UnwindImage.MainPrologInstructions, offset, out var row));
        Assert.Equal(Rsp, row.CfaRegister);
        Assert.Equal(cfaOffset, row.CfaOffset);
        AssertSaved(row, Rbp, -16);
        if (offset >= 8)
        {
            AssertSaved(row, R15, -24);
            AssertSaved(row, R14, -32);
            AssertSaved(row, R13, -40);
            AssertSaved(row, Rbx, -48);
        }
        else
        {
            Assert.False(row.IsSaved(Rbx, out _));
        }
    }

    [Fact]
    public void FollowsAFramePointerProlog()
    {
        // push rbp; push rbx; sub rsp, 0x58; lea rbp, [rsp+0x60]: CFA = rbp + 16.
        byte[] program =
        [
            0x41, 0x0E, 0x10, 0x86, 0x02,
            0x41, 0x0E, 0x18, 0x83, 0x03,
            0x44, 0x0E, 0x70,
            0x45, 0x0D, 0x06, 0x0E, 0x10,
        ];
        Assert.Equal(UnwindDataError.None, Run(program, 0x20, out var row));
        Assert.Equal(Rbp, row.CfaRegister);
        Assert.Equal(16, row.CfaOffset);
        AssertSaved(row, Rbx, -24);
    }

    [Fact]
    public void RemembersAndRestoresState()
    {
        // At 1: cfa 16, rbp saved; remember; at 2: cfa 8 and rbp restored (an epilog); restore_state at 3.
        byte[] program = [0x41, 0x0E, 0x10, 0x86, 0x02, 0x0A, 0x41, 0x0E, 0x08, 0xC6, 0x41, 0x0B];
        Assert.Equal(UnwindDataError.None, Run(program, 2, out var epilog));
        Assert.Equal(8, epilog.CfaOffset);
        Assert.False(epilog.IsSaved(Rbp, out _));
        Assert.Equal(UnwindDataError.None, Run(program, 3, out var after));
        Assert.Equal(16, after.CfaOffset);
        AssertSaved(after, Rbp, -16);
    }

    [Fact]
    public void HandlesWideAdvancesAndSignedForms()
    {
        byte[] program =
        [
            0x02, 0x10,                   // advance_loc1 16
            0x13, 0x7E,                   // def_cfa_offset_sf -2 (*-8 = 16)
            0x03, 0x10, 0x00,             // advance_loc2 16
            0x11, 0x06, 0x7E,             // offset_extended_sf rbp, -2 (*-8 = 16)... at cfa+16
            0x04, 0x10, 0x00, 0x00, 0x00, // advance_loc4 16
            0x12, 0x06, 0x7E,             // def_cfa_sf rbp, -2 (*-8 = 16)
            0x05, 0x03, 0x03,             // offset_extended rbx, 3 (*-8 = -24)
            0x06, 0x03,                   // restore_extended rbx
        ];
        Assert.Equal(UnwindDataError.None, Run(program, 0x10, out var first));
        Assert.Equal(16, first.CfaOffset);
        Assert.Equal(UnwindDataError.None, Run(program, 0x20, out var second));
        AssertSaved(second, Rbp, 16);
        Assert.Equal(UnwindDataError.None, Run(program, 0x30, out var third));
        Assert.Equal(Rbp, third.CfaRegister);
        Assert.Equal(16, third.CfaOffset);
        Assert.False(third.IsSaved(Rbx, out _));
    }

    [Fact]
    public void RowsAfterTheTargetDoNotApply()
    {
        byte[] program = [0x48, 0x0D, 0x01]; // at 8: CFA register rdx (never applies below)
        Assert.Equal(UnwindDataError.None, Run(program, 7, out var row));
        Assert.Equal(Rsp, row.CfaRegister);
    }

    [Theory]
    [InlineData(new byte[] { 0x2E, 0x08 })]             // DW_CFA_GNU_args_size
    [InlineData(new byte[] { 0x0F, 0x01, 0x70 })]       // DW_CFA_def_cfa_expression
    [InlineData(new byte[] { 0x10, 0x06, 0x01, 0x70 })] // DW_CFA_expression
    [InlineData(new byte[] { 0x01, 0, 0, 0, 0, 0, 0, 0, 0 })] // DW_CFA_set_loc
    [InlineData(new byte[] { 0x09, 0x06, 0x03 })]       // DW_CFA_register
    [InlineData(new byte[] { 0x07, 0x06 })]             // DW_CFA_undefined
    [InlineData(new byte[] { 0x3F })]                   // unassigned
    public void RejectsInstructionsOutsideTheSubset(byte[] program)
    {
        Assert.Equal(UnwindDataError.UnsupportedInstruction, Run(program, 0x10, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x0E })]
    [InlineData(new byte[] { 0x0E, 0x80 })]
    [InlineData(new byte[] { 0x0C, 0x07 })]
    [InlineData(new byte[] { 0x86 })]
    [InlineData(new byte[] { 0x04, 0x10, 0x00 })]
    public void RejectsTruncatedInstructions(byte[] program)
    {
        Assert.Equal(UnwindDataError.Truncated, RunExact(program));
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0x11, 0x01 })]      // offset_extended r17
    [InlineData(new byte[] { 0x06, 0x40 })]            // restore_extended r64
    [InlineData(new byte[] { 0x0C, 0x10, 0x08 })]      // CFA from the return address column
    [InlineData(new byte[] { 0x0D, 0x21 })]            // CFA from xmm16
    public void RejectsUnknownRegisters(byte[] program)
    {
        Assert.Equal(UnwindDataError.BadRegister, Run(program, 0x10, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x0E, 0x80, 0x80, 0x80, 0x80, 0x10 })]             // cfa offset 2^32
    [InlineData(new byte[] { 0x86, 0x80, 0x80, 0x80, 0x80, 0x02 })]             // rbp at 2^29 * -8
    [InlineData(new byte[] { 0x13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F })]       // factored -2^35
    [InlineData(new byte[] { 0x11, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 })] // rbp at huge positive
    public void RejectsAbsurdOffsets(byte[] program)
    {
        Assert.Equal(UnwindDataError.BadOffset, Run(program, 0x10, out _));
    }

    [Fact]
    public void RejectsUnbalancedState()
    {
        Assert.Equal(UnwindDataError.StateStackUnderflow, Run([0x0B], 0x10, out _));
        Assert.Equal(UnwindDataError.StateStackOverflow, Run([0x0A, 0x0A, 0x0A, 0x0A, 0x0A], 0x10, out _));
        Assert.Equal(UnwindDataError.None, Run([0x0A, 0x0A, 0x0A, 0x0A, 0x0B, 0x0B, 0x0B, 0x0B], 0x10, out _));
    }

    [Fact]
    public void RejectsATargetOutsideTheFde()
    {
        Assert.Equal(UnwindDataError.OutOfRange, Run([], 0x100, out _));
        Assert.Equal(UnwindDataError.OutOfRange, Run([], -1, out _));
    }

    [Fact]
    public void RejectsBadCiePrograms()
    {
        Assert.Equal(UnwindDataError.UnsupportedInstruction, Run([], 0x10, out _, cieInstructions: [0x0C, 0x07, 0x08, 0x2E, 0x00]));
    }

    [Fact]
    public void SurvivesRandomPrograms()
    {
        var random = new Random(42);
        for (int round = 0; round < 5000; round++)
        {
            byte[] program = new byte[random.Next(1, 24)];
            random.NextBytes(program);
            Run(program, random.Next(0x100), out _);
        }
    }

    /// <summary>Runs a program whose FDE ends exactly where the program does (no padding to read as nops).</summary>
    private static UnwindDataError RunExact(byte[] program)
    {
        var image = new UnwindImage();
        int cie = image.Cie();
        int fde = image.Fde(cie, 0x100, 0x100, UnwindImage.EhTableStart, program);
        Assert.Equal(UnwindDataError.None, FrameDescription.TryParse(image.At(fde), image.EhFrame, image.EhFrameEnd, out var description));
        description.InstructionsEnd = description.Instructions + program.Length;
        return CfiInterpreter.Run(description, (ulong)image.At(0x1F0), out _);
    }
}
