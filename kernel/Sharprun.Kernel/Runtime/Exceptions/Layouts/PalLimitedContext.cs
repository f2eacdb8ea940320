using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// CoreLib's EH.PAL_LIMITED_CONTEXT on linux-x64 (80 bytes; CoreLib itself names only IP): the
/// registers a throw site or a fault leaves for the dispatcher. The throw stubs push it field by field,
/// so the order here is also the reverse of their push order.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct PalLimitedContext
{
    public const int Size = 80;

    [FieldOffset(0)] public nuint Ip;
    [FieldOffset(8)] public nuint Rsp;
    [FieldOffset(16)] public nuint Rbp;
    [FieldOffset(24)] public nuint Rax;
    [FieldOffset(32)] public nuint Rbx;
    [FieldOffset(40)] public nuint Rdx;
    [FieldOffset(48)] public nuint R12;
    [FieldOffset(56)] public nuint R13;
    [FieldOffset(64)] public nuint R14;
    [FieldOffset(72)] public nuint R15;
}
