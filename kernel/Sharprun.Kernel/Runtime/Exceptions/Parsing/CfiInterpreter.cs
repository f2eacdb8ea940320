namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// Runs DWARF call frame instructions up to a code address and yields the row in force there. Only the
/// subset ILC emits for x86-64 is accepted: the def_cfa family, the offset family, advance_loc*,
/// restore*, remember/restore_state and nop. Anything else — expressions, set_loc, register rules —
/// is rejected, as are registers above 16 and offsets no stack frame can have.
/// </summary>
public static unsafe class CfiInterpreter
{
    /// <summary>The return address column; 0–15 are the general registers in DWARF order.</summary>
    public const int MaxRegister = 16;

    /// <summary>How deep DW_CFA_remember_state may nest.</summary>
    public const int MaxRememberedStates = 4;

    /// <summary>No frame is larger than this; a bigger CFA offset or save offset is corrupt data.</summary>
    public const long MaxFrameOffset = 1L << 31;

    private const byte AdvanceLoc = 0x40;
    private const byte Offset = 0x80;
    private const byte Restore = 0xC0;
    private const byte Nop = 0x00;
    private const byte AdvanceLoc1 = 0x02;
    private const byte AdvanceLoc2 = 0x03;
    private const byte AdvanceLoc4 = 0x04;
    private const byte OffsetExtended = 0x05;
    private const byte RestoreExtended = 0x06;
    private const byte RememberState = 0x0A;
    private const byte RestoreState = 0x0B;
    private const byte DefCfa = 0x0C;
    private const byte DefCfaRegister = 0x0D;
    private const byte DefCfaOffset = 0x0E;
    private const byte OffsetExtendedSf = 0x11;
    private const byte DefCfaSf = 0x12;
    private const byte DefCfaOffsetSf = 0x13;

    /// <summary>The row for <paramref name="pc"/> (which must lie in the FDE's range).</summary>
    public static UnwindDataError Run(in FrameDescription description, ulong pc, out UnwindRow row)
    {
        row = default;
        if (!description.Covers(pc))
            return UnwindDataError.OutOfRange;

        var state = new Interpreter(description.CodeAlignment, description.DataAlignment, description.PcBegin, pc);
        UnwindDataError error = state.Execute(description.CieInstructions, description.CieInstructionsEnd);
        if (error != UnwindDataError.None)
            return error;
        state.Initial = state.Row;
        error = state.Execute(description.Instructions, description.InstructionsEnd);
        if (error != UnwindDataError.None)
            return error;
        row = state.Row;
        return UnwindDataError.None;
    }

    private struct Interpreter
    {
        public UnwindRow Row;
        public UnwindRow Initial;
        private UnwindRow _saved0, _saved1, _saved2, _saved3;
        private int _savedCount;
        private readonly ulong _codeAlignment;
        private readonly long _dataAlignment;
        private readonly ulong _target;
        private ulong _location;
        private bool _reachedTarget;

        public Interpreter(ulong codeAlignment, long dataAlignment, ulong start, ulong target)
        {
            _codeAlignment = codeAlignment;
            _dataAlignment = dataAlignment;
            _location = start;
            _target = target;
        }

        public UnwindDataError Execute(byte* start, byte* end)
        {
            var reader = new BoundedReader(start, end);
            while (!_reachedTarget && reader.TryReadByte(out byte opcode))
            {
                UnwindDataError error = Step(ref reader, opcode);
                if (error != UnwindDataError.None)
                    return error;
            }
            return UnwindDataError.None;
        }

        private UnwindDataError Step(ref BoundedReader reader, byte opcode)
        {
            byte operand = (byte)(opcode & 0x3F);
            switch (opcode & 0xC0)
            {
                case AdvanceLoc:
                    return Advance(operand);
                case Offset:
                    if (!reader.TryReadUleb128(out ulong factored))
                        return UnwindDataError.Truncated;
                    return SetOffset(operand, factored);
                case Restore:
                    return RestoreRule(operand);
            }

            ulong register, value;
            long signedValue;
            switch (opcode)
            {
                case Nop:
                    return UnwindDataError.None;
                case AdvanceLoc1:
                    if (!reader.TryReadByte(out byte delta1))
                        return UnwindDataError.Truncated;
                    return Advance(delta1);
                case AdvanceLoc2:
                    if (!reader.TryReadUInt16(out ushort delta2))
                        return UnwindDataError.Truncated;
                    return Advance(delta2);
                case AdvanceLoc4:
                    if (!reader.TryReadUInt32(out uint delta4))
                        return UnwindDataError.Truncated;
                    return Advance(delta4);
                case OffsetExtended:
                    if (!reader.TryReadUleb128(out register) || !reader.TryReadUleb128(out value))
                        return UnwindDataError.Truncated;
                    return SetOffset(register, value);
                case OffsetExtendedSf:
                    if (!reader.TryReadUleb128(out register) || !reader.TryReadSleb128(out signedValue))
                        return UnwindDataError.Truncated;
                    return SetSignedOffset(register, signedValue);
                case RestoreExtended:
                    if (!reader.TryReadUleb128(out register))
                        return UnwindDataError.Truncated;
                    return RestoreRule(register);
                case RememberState:
                    return Remember();
                case RestoreState:
                    return Recall();
                case DefCfa:
                    if (!reader.TryReadUleb128(out register) || !reader.TryReadUleb128(out value))
                        return UnwindDataError.Truncated;
                    return SetCfa(register, value > (ulong)MaxFrameOffset ? MaxFrameOffset + 1 : (long)value);
                case DefCfaSf:
                    if (!reader.TryReadUleb128(out register) || !reader.TryReadSleb128(out signedValue))
                        return UnwindDataError.Truncated;
                    return SetCfa(register, Factor(signedValue));
                case DefCfaRegister:
                    if (!reader.TryReadUleb128(out register))
                        return UnwindDataError.Truncated;
                    return SetCfa(register, Row.CfaOffset);
                case DefCfaOffset:
                    if (!reader.TryReadUleb128(out value))
                        return UnwindDataError.Truncated;
                    return SetCfaOffset(value > (ulong)MaxFrameOffset ? MaxFrameOffset + 1 : (long)value);
                case DefCfaOffsetSf:
                    if (!reader.TryReadSleb128(out signedValue))
                        return UnwindDataError.Truncated;
                    return SetCfaOffset(Factor(signedValue));
                default:
                    return UnwindDataError.UnsupportedInstruction;
            }
        }

        private UnwindDataError Advance(ulong delta)
        {
            ulong next = _location + delta * _codeAlignment;
            if (next < _location || next > _target)
            {
                // The rows from here on describe code after the target: the current row is the answer.
                _reachedTarget = true;
                return UnwindDataError.None;
            }
            _location = next;
            return UnwindDataError.None;
        }

        private UnwindDataError SetOffset(ulong register, ulong factored)
        {
            if (factored > (ulong)MaxFrameOffset)
                return UnwindDataError.BadOffset;
            return SetSignedOffset(register, (long)factored);
        }

        private UnwindDataError SetSignedOffset(ulong register, long factored)
        {
            if (register > MaxRegister)
                return UnwindDataError.BadRegister;
            long offset = Factor(factored);
            if (offset > MaxFrameOffset || offset < -MaxFrameOffset)
                return UnwindDataError.BadOffset;
            Row.SetSaved((int)register, offset);
            return UnwindDataError.None;
        }

        private UnwindDataError RestoreRule(ulong register)
        {
            if (register > MaxRegister)
                return UnwindDataError.BadRegister;
            Initial.CopyRuleTo((int)register, ref Row);
            return UnwindDataError.None;
        }

        private UnwindDataError SetCfa(ulong register, long offset)
        {
            if (register > 15)
                return UnwindDataError.BadRegister;
            Row.CfaRegister = (int)register;
            return SetCfaOffset(offset);
        }

        private UnwindDataError SetCfaOffset(long offset)
        {
            if (offset > MaxFrameOffset || offset < -MaxFrameOffset)
                return UnwindDataError.BadOffset;
            Row.CfaOffset = offset;
            return UnwindDataError.None;
        }

        /// <summary>Multiplies by the data alignment factor; out-of-range results saturate to an invalid offset.</summary>
        private readonly long Factor(long value)
        {
            if (value > MaxFrameOffset || value < -MaxFrameOffset)
                return MaxFrameOffset + 1;
            return value * _dataAlignment;
        }

        private UnwindDataError Remember()
        {
            switch (_savedCount)
            {
                case 0: _saved0 = Row; break;
                case 1: _saved1 = Row; break;
                case 2: _saved2 = Row; break;
                case 3: _saved3 = Row; break;
                default: return UnwindDataError.StateStackOverflow;
            }
            _savedCount++;
            return UnwindDataError.None;
        }

        private UnwindDataError Recall()
        {
            if (_savedCount == 0)
                return UnwindDataError.StateStackUnderflow;
            _savedCount--;
            // The CFA rule travels with the register rules, as in the GCC and LLVM unwinders.
            Row = _savedCount switch { 0 => _saved0, 1 => _saved1, 2 => _saved2, _ => _saved3 };
            return UnwindDataError.None;
        }
    }
}
