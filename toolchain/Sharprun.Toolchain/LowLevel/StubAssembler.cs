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
    private readonly List<(Label Label, string Name, SymbolBinding Binding, SymbolType Type)> _definitions = new();
    private readonly List<(Label Label, int Delta, RelocationType Type, string Symbol, long Addend)> _fixups = new();
    private (Label Label, int InstructionCount)? _pending;

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
        var label = Here();
        Code.db(rex, 0x8D, (byte)(0x05 | ((number & 7) << 3)), 0, 0, 0, 0);
        _fixups.Add((label, 3, RelocationType.Pc32, symbol, -4));
    }

    /// <summary>An 8-byte data slot holding the absolute address of <paramref name="symbol"/> plus <paramref name="addend"/>.</summary>
    public void QwordAddress(string symbol, long addend = 0)
    {
        var label = Here();
        Code.dq(0UL);
        _fixups.Add((label, 0, RelocationType.Absolute64, symbol, addend));
    }

    /// <summary>A 4-byte data slot holding the absolute address of <paramref name="symbol"/> (must fit in 32 bits).</summary>
    public void DwordAddress(string symbol, long addend = 0)
    {
        var label = Here();
        Code.dd(0u);
        _fixups.Add((label, 0, RelocationType.Absolute32, symbol, addend));
    }

    /// <summary>
    /// Emits <paramref name="bytes"/> and a relocation at byte <paramref name="fieldOffset"/> of them:
    /// for instructions whose operand is a linker-resolved address (e.g. <c>mov eax, imm32</c> of a symbol in 32-bit code).
    /// </summary>
    public void EmitWithRelocation(byte[] bytes, int fieldOffset, RelocationType type, string symbol, long addend = 0)
    {
        var label = Here();
        Code.db(bytes);
        _fixups.Add((label, fieldOffset, type, symbol, addend));
    }

    /// <summary>Assembles everything written so far into a new section of <paramref name="target"/>.</summary>
    public ObjectSection Build(ObjectFile target, string sectionName, SectionKind kind, int alignment = 16)
    {
        if (_pending is { } pending && pending.InstructionCount == Code.Instructions.Count)
            Code.int3(); // a label at the very end still needs an instruction to bind to
        var writer = new ByteWriter();
        var result = Code.Assemble(writer, 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        var section = target.AddSection(new ObjectSection(sectionName, kind, writer.ToArray(), alignment));
        foreach (var (label, name, binding, type) in _definitions)
            target.Symbols.Add(new ObjectSymbol(name, section, (long)result.GetLabelRIP(label), 0, binding, type));
        foreach (var (label, delta, type, symbol, addend) in _fixups)
        {
            long offset = (long)result.GetLabelRIP(label) + delta;
            section.Relocations.Add(new ObjectRelocation(offset, type, new ObjectSymbol(symbol, null, 0, 0, SymbolBinding.Global, SymbolType.None), addend));
        }
        return section;
    }

    private void Define(string name, SymbolBinding binding, SymbolType type) =>
        _definitions.Add((Here(), name, binding, type));

    /// <summary>
    /// A label for the current position. Iced binds a label to the next instruction and allows one
    /// label per instruction, so positions asked for twice before an instruction share one label.
    /// </summary>
    private Label Here()
    {
        if (_pending is { } pending && pending.InstructionCount == Code.Instructions.Count)
            return pending.Label;
        var label = Code.CreateLabel();
        Code.Label(ref label);
        _pending = (label, Code.Instructions.Count);
        return label;
    }

    private void EmitRel32(byte opcode, string symbol)
    {
        var label = Here();
        Code.db(opcode, 0, 0, 0, 0);
        _fixups.Add((label, 1, RelocationType.Plt32, symbol, -4));
    }

    private sealed class ByteWriter : CodeWriter
    {
        private readonly List<byte> _bytes = new();
        public override void WriteByte(byte value) => _bytes.Add(value);
        public byte[] ToArray() => _bytes.ToArray();
    }
}
