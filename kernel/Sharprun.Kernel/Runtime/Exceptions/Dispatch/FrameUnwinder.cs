namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// Applies one CFI row to a <see cref="RegDisplay"/>: computes the CFA, points each saved register at its
/// slot, loads the return address and makes the CFA the caller's SP. Every slot must lie inside the
/// frame being left, [SP, CFA), which is what keeps corrupt rows from steering reads elsewhere.
/// </summary>
public static unsafe class FrameUnwinder
{
    private const int DwarfRsp = 7;

    public static UnwindDataError TryStep(RegDisplay* registers, in UnwindRow row, int returnAddressRegister)
    {
        nuint sp = registers->SP;
        nuint cfaBase;
        if (row.CfaRegister == DwarfRsp)
        {
            cfaBase = sp;
        }
        else
        {
            nuint** slot = RegDisplay.SlotFor(registers, row.CfaRegister);
            if (slot == null || *slot == null)
                return UnwindDataError.BadRegister;
            cfaBase = **slot;
        }
        nuint cfa = (nuint)((long)cfaBase + row.CfaOffset);
        if (cfa <= sp || (cfa & 7) != 0)
            return UnwindDataError.BadOffset;

        if (returnAddressRegister > CfiInterpreter.MaxRegister || !row.IsSaved(returnAddressRegister, out long returnOffset))
            return UnwindDataError.BadRegister;
        if (!IsSlotInFrame(sp, cfa, returnOffset, out nuint* returnSlot))
            return UnwindDataError.BadOffset;

        // Validate every rule before changing anything, so a bad row leaves the frame as it was.
        for (int register = 0; register < 16; register++)
        {
            if (register != DwarfRsp && row.IsSaved(register, out long offset) && !IsSlotInFrame(sp, cfa, offset, out _))
                return UnwindDataError.BadOffset;
        }

        // Caller-saved registers do not survive a call: nothing the caller can rely on is left in them.
        registers->PRax = registers->PRcx = registers->PRdx = registers->PRsi = registers->PRdi = null;
        registers->PR8 = registers->PR9 = registers->PR10 = registers->PR11 = null;
        for (int register = 0; register < 16; register++)
        {
            if (register != DwarfRsp && row.IsSaved(register, out long offset))
            {
                IsSlotInFrame(sp, cfa, offset, out nuint* saved);
                *RegDisplay.SlotFor(registers, register) = saved;
            }
        }
        registers->IP = *returnSlot;
        registers->SP = cfa;
        return UnwindDataError.None;
    }

    private static bool IsSlotInFrame(nuint sp, nuint cfa, long offset, out nuint* slot)
    {
        nuint address = (nuint)((long)cfa + offset);
        slot = (nuint*)address;
        return offset < 0 && address >= sp && address + 8 <= cfa && (address & 7) == 0;
    }
}
