using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// x86 raises the same #DE for a zero divisor and for a quotient that does not fit (int.MinValue / -1).
/// Like NativeAOT on Linux, tell them apart by decoding the faulting DIV/IDIV and reading its divisor:
/// a non-zero divisor means the quotient overflowed.
/// </summary>
public static unsafe class DivideErrorClassifier
{
    private const int MaxInstructionLength = 15;

    /// <summary>
    /// True when the instruction at <paramref name="frame"/>.Rip (readable up to <paramref name="limit"/>)
    /// is a DIV or IDIV with a non-zero divisor. Anything it cannot decode with certainty — other opcodes,
    /// truncated bytes, FS/GS-relative operands — counts as a zero divisor.
    /// </summary>
    public static bool IsQuotientOverflow(in InterruptFrame frame, byte* limit)
    {
        byte* ip = (byte*)frame.Rip;
        if (ip >= limit)
            return false;
        byte* end = (nuint)(limit - ip) > MaxInstructionLength ? ip + MaxInstructionLength : limit;
        var reader = new BoundedReader(ip, end);

        bool operandSize16 = false, addressSize32 = false;
        byte code;
        while (true)
        {
            if (!reader.TryReadByte(out code))
                return false;
            if (code == 0x66)
                operandSize16 = true;
            else if (code == 0x67)
                addressSize32 = true;
            else if (code == 0x64 || code == 0x65)
                return false;
            else if (code != 0xF0 && code != 0xF2 && code != 0xF3 && code != 0x2E && code != 0x36 && code != 0x3E && code != 0x26)
                break;
        }

        byte rex = 0;
        if ((code & 0xF0) == 0x40)
        {
            rex = code;
            if (!reader.TryReadByte(out code))
                return false;
        }
        if (code != 0xF6 && code != 0xF7)
            return false;
        if (!reader.TryReadByte(out byte modrm))
            return false;
        int reg = (modrm >> 3) & 7;
        if (reg != 6 && reg != 7)
            return false;

        bool byteOperand = code == 0xF6;
        int mod = modrm >> 6;
        int rm = modrm & 7;
        bool rexB = (rex & 1) != 0, rexX = (rex & 2) != 0, rexW = (rex & 8) != 0;

        ulong divisor;
        if (mod == 3)
        {
            int number = rm | (rexB ? 8 : 0);
            if (byteOperand && rex == 0 && rm >= 4)
                divisor = (frame.Register(rm - 4) >> 8) & 0xFF; // ah, ch, dh, bh
            else
                divisor = frame.Register(number);
        }
        else
        {
            if (!TryComputeAddress(ref reader, in frame, mod, rm, rexB, rexX, out ulong address))
                return false;
            if (addressSize32)
                address &= 0xFFFF_FFFF;
            divisor = byteOperand ? *(byte*)address
                : rexW ? Unsafe.ReadUnaligned<ulong>((void*)address)
                : operandSize16 ? Unsafe.ReadUnaligned<ushort>((void*)address)
                : Unsafe.ReadUnaligned<uint>((void*)address);
        }

        ulong mask = byteOperand ? 0xFFUL : rexW ? ulong.MaxValue : operandSize16 ? 0xFFFFUL : 0xFFFF_FFFFUL;
        return (divisor & mask) != 0;
    }

    private static bool TryComputeAddress(ref BoundedReader reader, in InterruptFrame frame, int mod, int rm, bool rexB, bool rexX, out ulong address)
    {
        address = 0;
        bool displacement32 = mod == 2;
        if (rm == 4)
        {
            if (!reader.TryReadByte(out byte sib))
                return false;
            int scale = sib >> 6;
            int index = ((sib >> 3) & 7) | (rexX ? 8 : 0);
            int baseNumber = (sib & 7) | (rexB ? 8 : 0);
            if ((sib & 7) == 5 && mod == 0)
                displacement32 = true;
            else
                address = frame.Register(baseNumber);
            if (index != 4)
                address += frame.Register(index) << scale;
        }
        else if (rm == 5 && mod == 0)
        {
            if (!reader.TryReadInt32(out int ripDisplacement))
                return false;
            // DIV/IDIV have no immediate: the next instruction starts right after the displacement.
            address = (ulong)reader.Cursor + (ulong)(long)ripDisplacement;
            return true;
        }
        else
        {
            address = frame.Register(rm | (rexB ? 8 : 0));
        }

        if (mod == 1)
        {
            if (!reader.TryReadByte(out byte displacement8))
                return false;
            address += (ulong)(long)(sbyte)displacement8;
        }
        else if (displacement32)
        {
            if (!reader.TryReadInt32(out int displacement))
                return false;
            address += (ulong)(long)displacement;
        }
        return true;
    }
}
