using System.Collections.Generic;
using System.Linq;
using Iced.Intel;
using Sharprun.Hypercall.Interrupts;
using Sharprun.Toolchain.LowLevel.Baremetal;
using Sharprun.Toolchain.LowLevel.Runtime;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.LowLevel;

/// <summary>
/// The device-vector entry stubs against the context frame layout: walking a stub's instructions from its entry
/// to the point where it hands the frame to the dispatcher must leave every value where ContextStubs and the
/// platform's dispatcher (InterruptVectors.FrameVectorOffset) expect it.
/// </summary>
public class DeviceInterruptStubTests
{
    private const int IretFrameSize = 40;

    private static readonly ObjectFile Stubs = Build();

    private static ObjectFile Build()
    {
        var target = new ObjectFile("test");
        InterruptStubs.AddTo(target);
        return target;
    }

    /// <summary>Where the stub stores each value, as offsets from the frame it passes in rdi.</summary>
    private static Dictionary<int, string> FrameOf(int vector)
    {
        var symbol = Stubs.Symbols.Single(s => s.Name == InterruptStubs.VectorSymbol(vector));
        byte[] code = symbol.Section!.Data;
        var reader = new ByteArrayCodeReader(code);
        var decoder = Decoder.Create(64, reader);
        ulong ip = (ulong)symbol.Value;
        int rsp = 0;
        var stored = new Dictionary<int, string>();
        for (int steps = 0; steps < 64; steps++)
        {
            reader.Position = (int)ip;
            decoder.IP = ip;
            var instruction = decoder.Decode();
            ip = instruction.NextIP;
            switch (instruction.Mnemonic)
            {
                case Mnemonic.Push when instruction.Op0Kind == OpKind.Register:
                    rsp -= 8;
                    stored[rsp] = instruction.Op0Register.ToString().ToLowerInvariant();
                    break;
                case Mnemonic.Push:
                    rsp -= 8;
                    stored[rsp] = "#" + (long)instruction.GetImmediate(0);
                    break;
                case Mnemonic.Jmp:
                    ip = instruction.NearBranchTarget;
                    break;
                case Mnemonic.Pop when instruction.Op0Kind == OpKind.Register:
                    stored.Remove(rsp);
                    rsp += 8;
                    break;
                // The check for an interrupt on the interrupt stack: an ordinary one takes neither branch.
                case Mnemonic.Lea or Mnemonic.Cmp:
                case Mnemonic.Jb:
                    break;
                case Mnemonic.Sub when instruction.Op0Register == Register.RSP:
                    rsp -= (int)instruction.GetImmediate(1);
                    break;
                case Mnemonic.Fxsave:
                    Assert.Equal(Register.RSP, instruction.MemoryBase);
                    stored[rsp] = "fxsave";
                    break;
                case Mnemonic.Mov when instruction.Op0Register == Register.RDI && instruction.Op1Register == Register.RSP:
                    return stored.ToDictionary(p => p.Key - rsp, p => p.Value);
                default:
                    Assert.Fail($"unexpected instruction before the frame is complete: {instruction}");
                    break;
            }
        }
        Assert.Fail("the stub never passes the frame on");
        return stored;
    }

    [Theory]
    [InlineData(32)]
    [InlineData(InterruptVectors.IsaBase + 4)]
    [InlineData(InterruptVectors.Timer)]
    [InlineData(200)]
    [InlineData(InterruptVectors.Spurious)]
    public void StubsBuildTheContextFrameWithTheVectorWhereTheDispatcherReadsIt(int vector)
    {
        var frame = FrameOf(vector);
        Assert.Equal("fxsave", frame[0]);
        string[] registers = ["r15", "r14", "r13", "r12", "r11", "r10", "r9", "r8", "rbp", "rdi", "rsi", "rdx", "rcx", "rbx", "rax"];
        for (int i = 0; i < registers.Length; i++)
            Assert.Equal(registers[i], frame[ContextStubs.FxsaveSize + i * 8]);
        Assert.Equal("#0", frame[InterruptVectors.FrameVectorOffset - 8]);
        Assert.Equal("#" + vector, frame[InterruptVectors.FrameVectorOffset]);
        // What the stub pushed plus the CPU's iretq frame is exactly one context frame.
        Assert.Equal(ContextStubs.FrameSize, frame.Keys.Max() + 8 + IretFrameSize);
        Assert.Equal(InterruptVectors.FrameVectorOffset + 8 + IretFrameSize, ContextStubs.FrameSize);
    }

    /// <summary>
    /// An interrupt taken on the interrupt stack (rsp in [bottom, top)) must not dispatch: it pops what it pushed,
    /// clears IF in the CPU's frame and returns straight to the interrupted dispatcher.
    /// </summary>
    [Fact]
    public void AnInterruptOnTheInterruptStackResumesTheDispatcherWithInterruptsDisabled()
    {
        var symbol = Stubs.Symbols.Single(s => s.Name == InterruptStubs.VectorSymbol(InterruptVectors.Timer));
        var instructions = Decode(symbol.Section!.Data, (ulong)symbol.Value, takeBranches: true);
        var afterBranch = instructions.SkipWhile(i => i.Mnemonic != Mnemonic.Jb).Skip(1).SkipWhile(i => i.Mnemonic != Mnemonic.Jb).Skip(1).ToList();
        Assert.Equal([Mnemonic.Pop, Mnemonic.And, Mnemonic.Add, Mnemonic.Iretq], afterBranch.Take(4).Select(i => i.Mnemonic));
        Assert.Equal(Register.RAX, afterBranch[0].Op0Register);
        Assert.Equal(Register.RSP, afterBranch[1].MemoryBase);
        // After the pop: the vector the stub pushed, then the CPU's rip, cs and rflags.
        Assert.Equal(8 + 16, (int)afterBranch[1].MemoryDisplacement64);
        Assert.Equal(~0x200L, (long)afterBranch[1].GetImmediate(1));
        Assert.Equal(8, (int)afterBranch[2].GetImmediate(1));
        // rsp is compared with the stack's bottom, then its top.
        var compared = instructions.Where(i => i.Mnemonic == Mnemonic.Lea)
            .Select(lea => symbol.Section.Relocations.Single(r => r.Offset == (long)lea.IP + 3).Symbol.Name)
            .ToArray();
        Assert.Equal(["sharprun_interrupt_stack_bottom", "sharprun_interrupt_stack_top"], compared);
    }

    /// <summary>Decodes from <paramref name="ip"/>, following jmp, and conditional branches when <paramref name="takeBranches"/>, until iretq or an external jump.</summary>
    private static List<Instruction> Decode(byte[] code, ulong ip, bool takeBranches)
    {
        var reader = new ByteArrayCodeReader(code);
        var decoder = Decoder.Create(64, reader);
        var decoded = new List<Instruction>();
        int branches = 0;
        while (decoded.Count < 64)
        {
            reader.Position = (int)ip;
            decoder.IP = ip;
            var instruction = decoder.Decode();
            decoded.Add(instruction);
            ip = instruction.NextIP;
            if (instruction.Mnemonic == Mnemonic.Iretq)
                break;
            if (instruction.Mnemonic == Mnemonic.Jmp)
                ip = instruction.NearBranchTarget;
            // The first jb leaves for the thread-stack path when rsp is below the stack; the second is the nested one.
            else if (instruction.Mnemonic == Mnemonic.Jb && takeBranches && ++branches == 2)
                ip = instruction.NearBranchTarget;
        }
        return decoded;
    }

    [Fact]
    public void TheEntryTableListsEveryVectorInOrder()
    {
        var table = Stubs.Symbols.Single(s => s.Name == "sharprun_idt_entry_table");
        var targets = table.Section!.Relocations
            .Where(r => r.Offset >= table.Value && r.Offset < table.Value + InterruptStubs.Vectors * 8)
            .OrderBy(r => r.Offset)
            .Select(r => r.Symbol.Name)
            .ToList();
        Assert.Equal(Enumerable.Range(0, InterruptStubs.Vectors).Select(InterruptStubs.VectorSymbol), targets);
    }

    [Fact]
    public void DeviceStubsNameNoPlatformSymbol()
    {
        // The Xen image links these stubs too: the dispatcher arrives at run time, not through a relocation.
        var referenced = Stubs.Sections.SelectMany(s => s.Relocations).Select(r => r.Symbol.Name).ToHashSet();
        var defined = Stubs.Symbols.Where(s => s.IsDefined).Select(s => s.Name).ToHashSet();
        Assert.Equal(["sharprun_context_restore", "sharprun_interrupt_stack_bottom", "sharprun_interrupt_stack_top", "sharprun_kernel_fault"],
            referenced.Except(defined).Order().ToArray());
    }
}
