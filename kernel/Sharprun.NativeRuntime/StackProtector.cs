using System.Runtime;

namespace Sharprun.NativeRuntime;

/// <summary>
/// The failure path of clang's -fstack-protector: a function found its canary (%fs:0x28, set per thread by
/// ThreadStacks) overwritten on return. The stack is corrupt, so nothing of the caller's can run: panic.
/// </summary>
public static class StackProtector
{
    [RuntimeExport("__stack_chk_fail")]
    public static void Fail() => Sharprun.Kernel.Diagnostics.Panic.Fail("__stack_chk_fail: native code overwrote its stack canary (stack buffer overflow)");
}
