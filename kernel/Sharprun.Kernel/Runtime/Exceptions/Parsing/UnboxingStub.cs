using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// Recognizes the x86-64 stubs RhGetCodeTarget sees through: ILC's unboxing stubs
/// (<c>add rdi, 8</c> then <c>jmp rel32</c> or <c>jmp [rip+disp32]</c>) and bare indirect jumps
/// (<c>jmp [rip+disp32]</c>).
/// </summary>
public static unsafe class UnboxingStub
{
    /// <summary>How a stub continues: not a stub, straight to <see cref="Decoded.Address"/>, or through the cell at it.</summary>
    public enum JumpKind
    {
        NotAStub,
        Direct,
        ThroughCell,
    }

    public readonly struct Decoded
    {
        public Decoded(JumpKind kind, byte* address)
        {
            Kind = kind;
            Address = address;
        }

        public JumpKind Kind { get; }

        /// <summary>The jump target (<see cref="JumpKind.Direct"/>) or the address of the cell holding it.</summary>
        public byte* Address { get; }
    }

    /// <summary>Decodes the stub at <paramref name="code"/>, whose bytes are readable up to <paramref name="limit"/>.</summary>
    public static Decoded Decode(byte* code, byte* limit)
    {
        var none = new Decoded(JumpKind.NotAStub, null);
        if (code >= limit)
            return none;
        nuint available = (nuint)(limit - code);
        byte* jump = code;
        bool afterUnbox = false;
        if (available >= 4 && code[0] == 0x48 && code[1] == 0x83 && code[2] == 0xC7 && code[3] == 0x08)
        {
            jump = code + 4;
            available -= 4;
            afterUnbox = true;
        }
        if (available >= 6 && jump[0] == 0xFF && jump[1] == 0x25)
            return new Decoded(JumpKind.ThroughCell, jump + 6 + Unsafe.ReadUnaligned<int>(jump + 2));
        if (afterUnbox && available >= 5 && jump[0] == 0xE9)
            return new Decoded(JumpKind.Direct, jump + 5 + Unsafe.ReadUnaligned<int>(jump + 1));
        return none;
    }
}
