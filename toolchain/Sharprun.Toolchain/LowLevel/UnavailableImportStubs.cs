using System.Collections.Generic;
using System.Text;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel;

/// <summary>
/// Definitions for framework imports the kernel does not provide: each entry point becomes
/// <c>lea rdi, [rip+message]; jmp sharprun_throw_unavailable</c>, so a call of it throws
/// PlatformNotSupportedException with its message. The jump leaves the caller's return address on the stack, so
/// the kernel function throws as if the P/Invoke site had called it directly, and the stub needs no unwind data.
/// </summary>
public static class UnavailableImportStubs
{
    /// <summary>The kernel function the stubs jump to (kernel/Sharprun.Kernel/Pal/UnavailableImports.cs).</summary>
    public const string ThrowSymbol = "sharprun_throw_unavailable";

    /// <summary>One object defining every entry point of <paramref name="messages"/> (entry point → exception message).</summary>
    public static ObjectFile Build(IReadOnlyDictionary<string, string> messages)
    {
        var stubs = new ObjectFile("sharprun-unavailable-imports");
        var code = new StubAssembler();
        var text = new StubAssembler();
        int index = 0;
        foreach (var (entryPoint, message) in messages)
        {
            string label = "sharprun_unavailable_message_" + index++;
            code.Global(entryPoint);
            code.LeaExternal(rdi, label);
            code.JumpExternal(ThrowSymbol);

            text.Local(label);
            text.Code.db(Encoding.UTF8.GetBytes(message + "\0"));
        }
        code.Build(stubs, ".text.sharprun_unavailable", SectionKind.Code);
        text.Build(stubs, ".rodata.sharprun_unavailable", SectionKind.ReadOnlyData, alignment: 1);
        return stubs;
    }
}
