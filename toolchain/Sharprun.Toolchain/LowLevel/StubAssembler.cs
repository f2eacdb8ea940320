using System.Collections.Generic;
using Iced.Intel;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel;

/// <summary>
/// Iced's assembler plus what a relocatable object needs: named symbols defined at the current
/// position and references to symbols of other objects, recorded as relocations for our linker.
/// One instance assembles one section.
/// </summary>
public sealed class StubAssembler
{
    // Positions are instruction indexes into Code.Instructions, turned into offsets after assembly;
    // Iced labels are left entirely to callers (Iced allows only one label per instruction).
    private readonly List<(int Position, string Name, SymbolBinding Binding, SymbolType Type)> _definitions = new();
    private readonly List<(int Position, int Delta, RelocationType Type, string Symbol, long Addend)> _fixups = new();

    public StubAssembler(int bitness = 64)
    {
        Bitness = bitness;
        Code = new Assembler(bitness);
    }

    public int Bitness { get; }

    /// <summary>The Iced assembler; instructions written here go into this section.</summary>
    public Assembler Code { get; }

    /// <summary>Defines a global function symbol at the current position.</summary>
    public void Global(string name) => Define(name, SymbolBinding.Global, SymbolType.Function);

    /// <summary>Defines a global data symbol at the current position.</summary>
    public void GlobalData(string name) => Define(name, SymbolBinding.Global, SymbolType.Object);

    /// <summary>Defines a symbol visible only inside this object.</summary>
    public void Local(string name) => Define(name, SymbolBinding.Local, SymbolType.Function);

    /// <summary><c>call symbol</c> (rel32), symbol resolved by the linker.</summary>
    public void CallExternal(string symbol) => EmitRel32(0xE8, symbol);

    /// <summary><c>jmp symbol</c> (rel32), symbol resolved by the linker.</summary>
    public void JumpExternal(string symbol) => EmitRel32(0xE9, symbol);

    /// <summary><c>lea reg, [rip + symbol]</c>.</summary>
    public void LeaExternal(AssemblerRegister64 register, string symbol)
    {
        int number = register.Value.GetNumber();
        byte rex = (byte)(0x48 | (number >= 8 ? 0x04 : 0));
        int position = Here();
        Code.db(rex, 0x8D, (byte)(0x05 | ((number & 7) << 3)), 0, 0, 0, 0);
        _fixups.Add((position, 3, RelocationType.Pc32, symbol, -4));
    }

    /// <summary>An 8-byte data slot holding the absolute address of <paramref name="symbol"/> plus <paramref name="addend"/>.</summary>
    public void QwordAddress(string symbol, long addend = 0)
    {
        int position = Here();
        Code.dq(0UL);
        _fixups.Add((position, 0, RelocationType.Absolute64, symbol, addend));
    }

    /// <summary>A 4-byte data slot holding the absolute address of <paramref name="symbol"/> (must fit in 32 bits).</summary>
    public void DwordAddress(string symbol, long addend = 0)
    {
        int position = Here();
        Code.dd(0u);
        _fixups.Add((position, 0, RelocationType.Absolute32, symbol, addend));
    }

    /// <summary>
    /// Emits <paramref name="bytes"/> and a relocation at byte <paramref name="fieldOffset"/> of them:
    /// for instructions whose operand is a linker-resolved address (e.g. <c>mov eax, imm32</c> of a symbol in 32-bit code).
    /// </summary>
    public void EmitWithRelocation(byte[] bytes, int fieldOffset, RelocationType type, string symbol, long addend = 0)
    {
        int position = Here();
        Code.db(bytes);
        _fixups.Add((position, fieldOffset, type, symbol, addend));
    }

    /// <summary>Assembles everything written so far into a new section of <paramref name="target"/>.</summary>
    public ObjectSection Build(ObjectFile target, string sectionName, SectionKind kind, int alignment = 16)
    {
        var writer = new ByteWriter();
        var result = Code.Assemble(writer, 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        byte[] bytes = writer.ToArray();
        uint[] offsets = result.Result[0].NewInstructionOffsets;
        long OffsetOf(int position) => position < offsets.Length ? offsets[position] : bytes.Length;

        var section = target.AddSection(new ObjectSection(sectionName, kind, bytes, alignment));
        foreach (var (position, name, binding, type) in _definitions)
            target.Symbols.Add(new ObjectSymbol(name, section, OffsetOf(position), 0, binding, type));
        foreach (var (position, delta, type, symbol, addend) in _fixups)
        {
            long offset = OffsetOf(position) + delta;
            section.Relocations.Add(new ObjectRelocation(offset, type, new ObjectSymbol(symbol, null, 0, 0, SymbolBinding.Global, SymbolType.None), addend));
        }
        return section;
    }

    private void Define(string name, SymbolBinding binding, SymbolType type) =>
        _definitions.Add((Here(), name, binding, type));

    /// <summary>The index the next instruction will have: a position that survives assembly.</summary>
    private int Here() => Code.Instructions.Count;

    private void EmitRel32(byte opcode, string symbol)
    {
        int position = Here();
        Code.db(opcode, 0, 0, 0, 0);
        _fixups.Add((position, 1, RelocationType.Plt32, symbol, -4));
    }

    private sealed class ByteWriter : CodeWriter
    {
        private readonly List<byte> _bytes = new();
        public override void WriteByte(byte value) => _bytes.Add(value);
        public byte[] ToArray() => _bytes.ToArray();
    }
}
