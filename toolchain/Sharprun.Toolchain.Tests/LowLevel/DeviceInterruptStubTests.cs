using System;
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
/// The device-vector entry stubs, run on concrete values: from the CPU's frame on the entry stack to the point
/// where the stub hands the frame to the dispatcher, every value must be where ContextStubs and the platform's
/// dispatcher (InterruptVectors.FrameVectorOffset) expect it, and nothing may be written into the interrupted
/// code's red zone.
/// </summary>
public class DeviceInterruptStubTests
{
    private const ulong InterruptStackBottom = 0x10_0000;
    private const ulong InterruptStackTop = 0x11_0000;
    private const ulong EntryStackTop = 0x20_0000;
    private const ulong DispatcherSlot = 0x30_0000;
    private const ulong Idt = 0x40_0000;
    private const ulong EntryTable = 0x50_0000;
    private const ulong InterruptedRip = 0x41_2345;
    private const ulong InterruptedRflags = 0x246;

    private static readonly string[] FrameRegisters = ["r15", "r14", "r13", "r12", "r11", "r10", "r9", "r8", "rbp", "rdi", "rsi", "rdx", "rcx", "rbx", "rax"];

    private static readonly ObjectFile Stubs = Build();

    private static ObjectFile Build()
    {
        var target = new ObjectFile("test");
        InterruptStubs.AddTo(target);
        return target;
    }

    private static readonly Dictionary<string, ulong> SymbolAddresses = new()
    {
        ["sharprun_interrupt_stack_bottom"] = InterruptStackBottom,
        ["sharprun_interrupt_stack_top"] = InterruptStackTop,
        ["sharprun_interrupt_dispatcher"] = DispatcherSlot,
        ["sharprun_idt"] = Idt,
        ["sharprun_idt_entry_table"] = EntryTable,
    };

    /// <summary>A distinct value per general register, so the frame shows which register went where.</summary>
    private static ulong Marker(Register register) => 0x1000_0000UL + (ulong)register;

    /// <summary>The machine as the CPU leaves it entering a device gate: on the entry stack, with its frame pushed.</summary>
    private static (StubInterpreter Cpu, ulong Entry) Interrupted(int vector, ulong interruptedRsp)
    {
        var symbol = Stubs.Symbols.Single(s => s.Name == InterruptStubs.VectorSymbol(vector));
        var cpu = new StubInterpreter(symbol.Section!, SymbolAddresses);
        foreach (var name in FrameRegisters)
        {
            var register = Enum.Parse<Register>(name, ignoreCase: true);
            cpu.Registers[register] = Marker(register);
        }
        cpu.Rsp = EntryStackTop;
        foreach (ulong value in new[] { 0x10UL, interruptedRsp, InterruptedRflags, 0x08UL, InterruptedRip })
        {
            cpu.Rsp -= 8;
            cpu.Store(cpu.Rsp, value);
        }
        cpu.Writes.Clear();
        return (cpu, (ulong)symbol.Value);
    }

    [Theory]
    [InlineData(32, 0x7000_1000UL)]
    [InlineData(InterruptVectors.IsaBase + 4, 0x7000_1238UL)]
    [InlineData(InterruptVectors.Timer, 0x7000_0ff8UL)]
    [InlineData(200, 0x7000_1004UL)]
    [InlineData(InterruptVectors.Spurious, InterruptStackTop)]
    public void StubsBuildTheContextFrameBelowTheRedZoneWithTheVectorWhereTheDispatcherReadsIt(int vector, ulong interruptedRsp)
    {
        var (cpu, entry) = Interrupted(vector, interruptedRsp);
        var call = cpu.RunUntil(entry, i => i.Mnemonic == Mnemonic.Call);
        Assert.Equal(DispatcherSlot, call.MemoryDisplacement64 + cpu.Registers[call.MemoryBase]);
        Assert.Equal(InterruptStackTop, cpu.Rsp);

        ulong frame = cpu.Registers[Register.RDI];
        Assert.Equal(0UL, frame % 16);
        Assert.Equal(StubInterpreter.FxsaveMarker, cpu.Load(frame));
        for (int i = 0; i < FrameRegisters.Length; i++)
            Assert.Equal(Marker(Enum.Parse<Register>(FrameRegisters[i], ignoreCase: true)), cpu.Load(frame + (ulong)(ContextStubs.FxsaveSize + i * 8)));
        Assert.Equal(0UL, cpu.Load(frame + InterruptVectors.FrameVectorOffset - 8));
        Assert.Equal((ulong)vector, cpu.Load(frame + InterruptVectors.FrameVectorOffset));
        ulong[] iretFrame = [InterruptedRip, 0x08, InterruptedRflags, interruptedRsp, 0x10];
        for (int i = 0; i < iretFrame.Length; i++)
            Assert.Equal(iretFrame[i], cpu.Load(frame + InterruptVectors.FrameVectorOffset + 8 + (ulong)(i * 8)));
        Assert.Equal(ContextStubs.FrameSize, InterruptVectors.FrameVectorOffset + 8 + iretFrame.Length * 8);

        // What the interrupted code may keep below its rsp stays as it was.
        Assert.True(frame + ContextStubs.FrameSize <= interruptedRsp - InterruptStubs.RedZoneSize);
        Assert.DoesNotContain(cpu.Writes, address => address >= interruptedRsp - InterruptStubs.RedZoneSize && address < interruptedRsp + 64);
    }

    /// <summary>
    /// An interrupt taken on the interrupt stack (rsp in [bottom, top)) must not dispatch: it restores what it
    /// saved, clears IF in the CPU's frame and returns straight to the interrupted dispatcher.
    /// </summary>
    [Fact]
    public void AnInterruptOnTheInterruptStackResumesTheDispatcherWithInterruptsDisabled()
    {
        ulong dispatcherRsp = InterruptStackTop - 0x100;
        var (cpu, entry) = Interrupted(InterruptVectors.Timer, dispatcherRsp);
        var last = cpu.RunUntil(entry, i => i.Mnemonic is Mnemonic.Iretq or Mnemonic.Call);
        Assert.Equal(Mnemonic.Iretq, last.Mnemonic);
        Assert.Equal(EntryStackTop - 40, cpu.Rsp);
        Assert.Equal([InterruptedRip, 0x08, InterruptedRflags & ~(ulong)InterruptStubs.InterruptFlag, dispatcherRsp, 0x10],
            Enumerable.Range(0, 5).Select(i => cpu.Load(cpu.Rsp + (ulong)(i * 8))));
        foreach (var register in new[] { Register.RAX, Register.RDX })
            Assert.Equal(Marker(register), cpu.Registers[register]);
        Assert.DoesNotContain(cpu.Writes, address => address < EntryStackTop - 0x1000 || address >= EntryStackTop);
    }

    /// <summary>Device gates are interrupt gates to their stubs, on the entry stack's slot of the interrupt stack table.</summary>
    [Fact]
    public void InstallingTheDevicesPutsEveryDeviceGateOnTheEntryStack()
    {
        var symbol = Stubs.Symbols.Single(s => s.Name == InterruptStubs.InstallDevicesSymbol);
        var cpu = new StubInterpreter(symbol.Section!, SymbolAddresses);
        cpu.Registers[Register.RDI] = 0xD15_9A7C;
        cpu.Rsp = EntryStackTop;
        cpu.Store(cpu.Rsp, 0xDEAD);
        for (int vector = 0; vector < InterruptStubs.Vectors; vector++)
            cpu.Store(EntryTable + (ulong)vector * 8, StubAddress(vector));
        cpu.RunUntil((ulong)symbol.Value, i => i.Mnemonic == Mnemonic.Ret && cpu.Rsp == EntryStackTop);

        Assert.Equal(0xD15_9A7CUL, cpu.Load(DispatcherSlot));
        for (int vector = 32; vector < InterruptStubs.Vectors; vector++)
        {
            ulong low = cpu.Load(Idt + (ulong)vector * 16), high = cpu.Load(Idt + (ulong)vector * 16 + 8);
            ulong offset = (low & 0xFFFF) | ((low >> 48) << 16) | (high << 32);
            Assert.Equal(StubAddress(vector), offset);
            Assert.Equal(0x08UL, (low >> 16) & 0xFFFF);
            Assert.Equal((ulong)BootStub.InterruptEntryStackIndex, (low >> 32) & 7);
            Assert.Equal(0x8EUL, (low >> 40) & 0xFF);
        }
        Assert.DoesNotContain(cpu.Writes, address => address >= Idt && address < Idt + 32 * 16);
    }

    private static ulong StubAddress(int vector) => 0x1234_5678_0000UL + (ulong)vector * 0x1_0011;

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
