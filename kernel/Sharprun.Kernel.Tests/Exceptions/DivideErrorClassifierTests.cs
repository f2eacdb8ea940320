using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class DivideErrorClassifierTests
{
    /// <summary>Places <paramref name="instruction"/> at offset 0x100 of a buffer and classifies a #DE there.</summary>
    private static bool Classify(byte[] instruction, InterruptFrame frame, PinnedMemory? memory = null, int? limit = null)
    {
        memory ??= new PinnedMemory(0x200);
        memory.Position = 0x100;
        memory.Write(instruction);
        frame.Rip = (ulong)memory.At(0x100);
        return DivideErrorClassifier.IsQuotientOverflow(frame, limit is int cut ? memory.At(0x100 + cut) : memory.End);
    }

    [Theory]
    [InlineData(0UL, false)]
    [InlineData(0xFFFF_FFFFUL, true)]          // int.MinValue / -1
    [InlineData(0x1_0000_0000UL, false)]       // 32-bit divisor is zero
    public void IdivOfA32BitRegister(ulong rcx, bool overflow)
    {
        Assert.Equal(overflow, Classify([0xF7, 0xF9], new InterruptFrame { Rcx = rcx })); // idiv ecx
    }

    [Fact]
    public void IdivOfA64BitRegister()
    {
        Assert.True(Classify([0x48, 0xF7, 0xF9], new InterruptFrame { Rcx = 0x1_0000_0000 }));  // idiv rcx
        Assert.True(Classify([0x49, 0xF7, 0xF8], new InterruptFrame { R8 = ulong.MaxValue }));   // idiv r8
        Assert.False(Classify([0x49, 0xF7, 0xF8], new InterruptFrame { Rax = 1 }));
    }

    [Fact]
    public void DivIsClassifiedTheSameWay()
    {
        Assert.True(Classify([0xF7, 0xF1], new InterruptFrame { Rcx = 1 }));  // div ecx
        Assert.False(Classify([0xF7, 0xF1], new InterruptFrame()));
    }

    [Fact]
    public void ByteDivisorsIncludingTheHighByteRegisters()
    {
        Assert.True(Classify([0xF6, 0xFC], new InterruptFrame { Rax = 0x0100 }));        // idiv ah
        Assert.False(Classify([0xF6, 0xFC], new InterruptFrame { Rax = 0x00FF }));
        Assert.True(Classify([0x40, 0xF6, 0xFC], new InterruptFrame { Rsp = 0x01 }));    // idiv spl
        Assert.False(Classify([0xF6, 0xF9], new InterruptFrame { Rcx = 0x100 }));        // idiv cl
    }

    [Fact]
    public void WordDivisors()
    {
        Assert.False(Classify([0x66, 0xF7, 0xF9], new InterruptFrame { Rcx = 0x1_0000 })); // idiv cx
        Assert.True(Classify([0x66, 0xF7, 0xF9], new InterruptFrame { Rcx = 0xFFFF }));
    }

    [Fact]
    public void MemoryDivisors()
    {
        var memory = new PinnedMemory(0x200);
        *(int*)memory.At(0x20) = -1;
        *(int*)memory.At(0x40) = 0;
        ulong at20 = (ulong)memory.At(0x20);

        // idiv dword [rbp-0x10]
        Assert.True(Classify([0xF7, 0x7D, 0xF0], new InterruptFrame { Rbp = at20 + 0x10 }, memory));
        // idiv dword [rsp]
        Assert.True(Classify([0xF7, 0x3C, 0x24], new InterruptFrame { Rsp = at20 }, memory));
        // idiv dword [rax + r8*4]
        Assert.False(Classify([0x42, 0xF7, 0x3C, 0x80], new InterruptFrame { Rax = at20, R8 = 8 }, memory));
        Assert.True(Classify([0x42, 0xF7, 0x3C, 0x80], new InterruptFrame { Rax = at20 - 4, R8 = 1 }, memory));
        // idiv dword [rbx + 0x100000] (disp32)
        Assert.True(Classify([0xF7, 0xBB, 0x00, 0x00, 0x10, 0x00], new InterruptFrame { Rbx = at20 - 0x10_0000 }, memory));
        // idiv dword [rip + disp32]: the next instruction is at 0x106
        Assert.True(Classify([0xF7, 0x3D, 0x1A, 0xFF, 0xFF, 0xFF], new InterruptFrame(), memory));
        // idiv qword [r12]  (SIB required for r12 as a base)
        *(long*)memory.At(0x60) = 1L << 40;
        Assert.True(Classify([0x49, 0xF7, 0x3C, 0x24], new InterruptFrame { R12 = (ulong)memory.At(0x60) }, memory));
    }

    [Theory]
    [InlineData(new byte[] { 0xF7, 0xD9 })]        // neg ecx
    [InlineData(new byte[] { 0xF7, 0xE9 })]        // imul ecx
    [InlineData(new byte[] { 0x0F, 0x0B })]        // ud2
    [InlineData(new byte[] { 0x64, 0xF7, 0x3C, 0x24 })] // fs-relative: not decoded
    public void AnythingElseCountsAsZeroDivisor(byte[] instruction)
    {
        Assert.False(Classify(instruction, new InterruptFrame { Rcx = 5, Rsp = 0 }));
    }

    [Fact]
    public void NeverReadsPastTheCode()
    {
        byte[] instruction = [0x48, 0xF7, 0xBB, 0x00, 0x00, 0x10, 0x00];
        for (int cut = 0; cut < instruction.Length; cut++)
            Assert.False(Classify(instruction, new InterruptFrame { Rbx = 1 }, limit: cut));
    }

    [Fact]
    public void GivesUpOnEndlessPrefixes()
    {
        byte[] instruction = new byte[32];
        System.Array.Fill(instruction, (byte)0x66);
        Assert.False(Classify(instruction, new InterruptFrame()));
    }
}
