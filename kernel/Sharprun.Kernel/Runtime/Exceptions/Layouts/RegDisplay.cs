using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The runtime's REGDISPLAY for amd64 Unix (136 bytes): where each register of a frame is saved, plus
/// that frame's SP and IP. CoreLib reads SP; the funclet-call stubs load (and after a finally, store)
/// rbx, rbp and r12–r15 through these pointers, so they must always point at live, writable slots.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct RegDisplay
{
    public const int Size = 136;

    // Offsets the funclet-call stubs depend on (ExceptionStubs uses the same numbers).
    public const int RbxOffset = 0x18;
    public const int RbpOffset = 0x20;
    public const int R12Offset = 0x58;
    public const int R13Offset = 0x60;
    public const int R14Offset = 0x68;
    public const int R15Offset = 0x70;
    public const int SpOffset = 0x78;

    [FieldOffset(0x00)] public nuint* PRax;
    [FieldOffset(0x08)] public nuint* PRcx;
    [FieldOffset(0x10)] public nuint* PRdx;
    [FieldOffset(0x18)] public nuint* PRbx;
    [FieldOffset(0x20)] public nuint* PRbp;
    [FieldOffset(0x28)] public nuint* PRsi;
    [FieldOffset(0x30)] public nuint* PRdi;
    [FieldOffset(0x38)] public nuint* PR8;
    [FieldOffset(0x40)] public nuint* PR9;
    [FieldOffset(0x48)] public nuint* PR10;
    [FieldOffset(0x50)] public nuint* PR11;
    [FieldOffset(0x58)] public nuint* PR12;
    [FieldOffset(0x60)] public nuint* PR13;
    [FieldOffset(0x68)] public nuint* PR14;
    [FieldOffset(0x70)] public nuint* PR15;
    [FieldOffset(0x78)] public nuint SP;
    [FieldOffset(0x80)] public nuint IP;

    /// <summary>
    /// The pointer slot for DWARF x86-64 register <paramref name="dwarfRegister"/> (0 rax, 1 rdx, 2 rcx,
    /// 3 rbx, 4 rsi, 5 rdi, 6 rbp, 8–15 r8–r15), or null for rsp (7), the return address (16) and anything else.
    /// </summary>
    public static nuint** SlotFor(RegDisplay* registers, int dwarfRegister) => dwarfRegister switch
    {
        0 => &registers->PRax,
        1 => &registers->PRdx,
        2 => &registers->PRcx,
        3 => &registers->PRbx,
        4 => &registers->PRsi,
        5 => &registers->PRdi,
        6 => &registers->PRbp,
        8 => &registers->PR8,
        9 => &registers->PR9,
        10 => &registers->PR10,
        11 => &registers->PR11,
        12 => &registers->PR12,
        13 => &registers->PR13,
        14 => &registers->PR14,
        15 => &registers->PR15,
        _ => null,
    };
}
