using System;
using System.Collections.Generic;
using System.Linq;
using Iced.Intel;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.LowLevel;

/// <summary>
/// Runs a stub's instructions on concrete values: the integer instructions the interrupt stubs use, qword memory,
/// and external symbols at addresses the test chooses. Every memory write is recorded, so a test can tell
/// what the stub touched, not only what it left behind.
/// </summary>
internal sealed class StubInterpreter(ObjectSection section, IReadOnlyDictionary<string, ulong> symbolAddresses)
{
    public readonly Dictionary<Register, ulong> Registers = new();
    public readonly Dictionary<ulong, ulong> Memory = new();
    public readonly List<ulong> Writes = new();
    /// <summary>What fxsave leaves in the first qword of its area here (its contents are not modelled).</summary>
    public const ulong FxsaveMarker = 0xF5F5F5F5;

    private bool _carry;
    private bool _zero;

    public ulong Rsp
    {
        get => Registers[Register.RSP];
        set => Registers[Register.RSP] = value;
    }

    /// <summary>Runs from <paramref name="ip"/> until an instruction <paramref name="stop"/> accepts, which is returned unexecuted.</summary>
    public Instruction RunUntil(ulong ip, Func<Instruction, bool> stop)
    {
        var reader = new ByteArrayCodeReader(section.Data);
        var decoder = Decoder.Create(64, reader);
        for (int steps = 0; steps < 100_000; steps++)
        {
            reader.Position = (int)ip;
            decoder.IP = ip;
            var instruction = decoder.Decode();
            if (stop(instruction))
                return instruction;
            ip = Execute(instruction);
        }
        throw new InvalidOperationException("the stub ran too long");
    }

    private ulong Execute(Instruction i)
    {
        ulong next = i.NextIP;
        switch (i.Mnemonic)
        {
            case Mnemonic.Push:
                ulong pushed = i.Op0Kind == OpKind.Register ? Get(i.Op0Register) : (ulong)(long)i.GetImmediate(0);
                Rsp -= 8;
                Store(Rsp, pushed);
                break;
            case Mnemonic.Pop:
                ulong popped = Load(Rsp);
                Rsp += 8;
                Set(i.Op0Register, popped);
                break;
            case Mnemonic.Mov or Mnemonic.Lea:
                Write(i, 0, i.Mnemonic == Mnemonic.Lea ? Address(i) : Read(i, 1));
                break;
            case Mnemonic.Xchg:
                ulong first = Read(i, 0), second = Read(i, 1);
                Write(i, 0, second);
                Write(i, 1, first);
                break;
            case Mnemonic.Add:
                Write(i, 0, Read(i, 0) + Read(i, 1));
                break;
            case Mnemonic.Sub:
                Write(i, 0, Read(i, 0) - Read(i, 1));
                break;
            case Mnemonic.And:
                Write(i, 0, Read(i, 0) & Read(i, 1));
                break;
            case Mnemonic.Or:
                Write(i, 0, Read(i, 0) | Read(i, 1));
                break;
            case Mnemonic.Xor:
                Write(i, 0, Read(i, 0) ^ Read(i, 1));
                break;
            case Mnemonic.Shl:
                Write(i, 0, Read(i, 0) << (int)Read(i, 1));
                break;
            case Mnemonic.Shr:
                Write(i, 0, Read(i, 0) >> (int)Read(i, 1));
                break;
            case Mnemonic.Dec:
                ulong decremented = Read(i, 0) - 1;
                Write(i, 0, decremented);
                _zero = Truncate(i.Op0Register, decremented) == 0;
                break;
            case Mnemonic.Cmp:
                ulong left = Read(i, 0), right = Read(i, 1);
                _carry = left < right;
                _zero = left == right;
                break;
            case Mnemonic.Jb:
                return _carry ? i.NearBranchTarget : next;
            case Mnemonic.Jne:
                return _zero ? next : i.NearBranchTarget;
            case Mnemonic.Jmp:
                return i.NearBranchTarget;
            case Mnemonic.Call when i.Op0Kind == OpKind.NearBranch64:
                Rsp -= 8;
                Store(Rsp, next);
                return i.NearBranchTarget;
            case Mnemonic.Ret:
                ulong returnAddress = Load(Rsp);
                Rsp += 8;
                return returnAddress;
            case Mnemonic.Cld:
                break;
            case Mnemonic.Fxsave:
                Store(Address(i), FxsaveMarker);
                break;
            default:
                throw new InvalidOperationException($"the interpreter does not know {i}");
        }
        return next;
    }

    public ulong Load(ulong address) =>
        Memory.TryGetValue(address, out ulong value) ? value : throw new InvalidOperationException($"read of unwritten 0x{address:x}");

    public void Store(ulong address, ulong value)
    {
        Assert.True(address % 8 == 0, $"unaligned store at 0x{address:x}");
        Memory[address] = value;
        Writes.Add(address);
    }

    private ulong Read(Instruction i, int operand) => i.GetOpKind(operand) switch
    {
        OpKind.Register => Get(i.GetOpRegister(operand)),
        OpKind.Memory => Load(Address(i)),
        _ => (ulong)(long)i.GetImmediate(operand),
    };

    private void Write(Instruction i, int operand, ulong value)
    {
        if (i.GetOpKind(operand) == OpKind.Memory)
            Store(Address(i), value);
        else
            Set(i.GetOpRegister(operand), value);
    }

    /// <summary>A memory operand's address; a rip-relative one is the external symbol its relocation names.</summary>
    private ulong Address(Instruction i)
    {
        if (i.IsIPRelativeMemoryOperand)
        {
            var relocation = section.Relocations.Single(r => r.Offset >= (long)i.IP && r.Offset < (long)i.NextIP);
            return symbolAddresses[relocation.Symbol.Name];
        }
        ulong address = i.MemoryDisplacement64;
        if (i.MemoryBase != Register.None)
            address += Get(i.MemoryBase);
        return address;
    }

    private ulong Get(Register register) =>
        Truncate(register, Registers.TryGetValue(register.GetFullRegister(), out ulong value) ? value : throw new InvalidOperationException($"{register} read before it was set"));

    /// <summary>Writing a 32-bit register clears the upper half, as the CPU does.</summary>
    private void Set(Register register, ulong value) => Registers[register.GetFullRegister()] = Truncate(register, value);

    private static ulong Truncate(Register register, ulong value) => register.GetSize() == 4 ? (uint)value : value;
}
