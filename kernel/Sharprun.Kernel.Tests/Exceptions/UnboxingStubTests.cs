using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class UnboxingStubTests
{
    [Fact]
    public void FollowsIlcsUnboxingStub()
    {
        // add rdi, 8; jmp rel32 (as in ILC 9.0's __unbox section), then nop padding.
        var memory = new PinnedMemory(0x40);
        memory.Bytes(0x48, 0x83, 0xC7, 0x08, 0xE9);
        memory.Int32(0x20 - 9);
        memory.Bytes(0x90, 0x90, 0x90);
        var stub = UnboxingStub.Decode(memory.Base, memory.End);
        Assert.Equal(UnboxingStub.JumpKind.Direct, stub.Kind);
        Assert.True(stub.Address == memory.At(0x20));
    }

    [Fact]
    public void FollowsAnIndirectJumpAfterUnboxing()
    {
        var memory = new PinnedMemory(0x40);
        memory.Bytes(0x48, 0x83, 0xC7, 0x08, 0xFF, 0x25);
        memory.Int32(0x30 - 10);
        var stub = UnboxingStub.Decode(memory.Base, memory.End);
        Assert.Equal(UnboxingStub.JumpKind.ThroughCell, stub.Kind);
        Assert.True(stub.Address == memory.At(0x30));
    }

    [Fact]
    public void FollowsABareIndirectJump()
    {
        var memory = new PinnedMemory(0x40);
        memory.Bytes(0xFF, 0x25);
        memory.Int32(-6);
        var stub = UnboxingStub.Decode(memory.Base, memory.End);
        Assert.Equal(UnboxingStub.JumpKind.ThroughCell, stub.Kind);
        Assert.True(stub.Address == memory.Base);
    }

    [Theory]
    [InlineData(new byte[] { 0x48, 0x83, 0xC7, 0x10, 0xE9, 0, 0, 0, 0 })] // adds something else than 8
    [InlineData(new byte[] { 0xE9, 0, 0, 0, 0 })]                         // a bare direct jump is not a stub
    [InlineData(new byte[] { 0x48, 0x83, 0xC7, 0x08, 0xE8, 0, 0, 0, 0 })] // a call
    [InlineData(new byte[] { 0x55, 0x48, 0x89, 0xE5 })]                   // an ordinary prolog
    [InlineData(new byte[] { 0x48, 0x83, 0xC7, 0x08, 0xE9, 0, 0 })]       // cut short
    [InlineData(new byte[] { 0xFF, 0x25, 0, 0 })]
    [InlineData(new byte[] { })]
    public void LeavesAnythingElseAlone(byte[] bytes)
    {
        fixed (byte* p = bytes)
            Assert.Equal(UnboxingStub.JumpKind.NotAStub, UnboxingStub.Decode(p, p + bytes.Length).Kind);
    }
}
