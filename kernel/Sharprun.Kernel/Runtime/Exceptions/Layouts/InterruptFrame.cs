using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// What the CPU-exception entry stubs push before calling <c>sharprun_kernel_fault</c>, lowest address
/// first: cr2, the general registers, the vector, the error code (0 when the CPU pushes none) and the
/// CPU's iret frame. The stubs reload every register from here and iretq, so a handler may redirect the
/// interrupted code by editing the frame.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct InterruptFrame
{
    public const int Size = 184;

    [FieldOffset(0)] public ulong Cr2;
    [FieldOffset(8)] public ulong R15;
    [FieldOffset(16)] public ulong R14;
    [FieldOffset(24)] public ulong R13;
    [FieldOffset(32)] public ulong R12;
    [FieldOffset(40)] public ulong R11;
    [FieldOffset(48)] public ulong R10;
    [FieldOffset(56)] public ulong R9;
    [FieldOffset(64)] public ulong R8;
    [FieldOffset(72)] public ulong Rbp;
    [FieldOffset(80)] public ulong Rdi;
    [FieldOffset(88)] public ulong Rsi;
    [FieldOffset(96)] public ulong Rdx;
    [FieldOffset(104)] public ulong Rcx;
    [FieldOffset(112)] public ulong Rbx;
    [FieldOffset(120)] public ulong Rax;
    [FieldOffset(128)] public ulong Vector;
    [FieldOffset(136)] public ulong ErrorCode;
    [FieldOffset(144)] public ulong Rip;
    [FieldOffset(152)] public ulong Cs;
    [FieldOffset(160)] public ulong Rflags;
    [FieldOffset(168)] public ulong Rsp;
    [FieldOffset(176)] public ulong Ss;

    /// <summary>
    /// General register by x86 encoding number (0 rax, 1 rcx, 2 rdx, 3 rbx, 4 rsp, 5 rbp, 6 rsi, 7 rdi,
    /// 8–15 r8–r15), as instruction operands name them.
    /// </summary>
    public readonly ulong Register(int number) => number switch
    {
        0 => Rax,
        1 => Rcx,
        2 => Rdx,
        3 => Rbx,
        4 => Rsp,
        5 => Rbp,
        6 => Rsi,
        7 => Rdi,
        8 => R8,
        9 => R9,
        10 => R10,
        11 => R11,
        12 => R12,
        13 => R13,
        14 => R14,
        _ => R15,
    };
}
