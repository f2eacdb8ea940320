using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>Questions about code addresses that CoreLib (reflection, delegates, stack traces) asks the runtime.</summary>
internal static unsafe class CodeAddressExports
{
    /// <summary>Associated-data flag: a 32-bit self-relative pointer to the real target follows.</summary>
    private const byte HasUnboxingAndInstantiatingTarget = 0x01;

    /// <summary>IntPtr RhFindMethodStartAddress(IntPtr codeAddress): the start of the method (not funclet) containing it, or null.</summary>
    [RuntimeExport("RhFindMethodStartAddress")]
    private static byte* FindMethodStartAddress(byte* codeAddress) =>
        MethodLookup.TryFind(codeAddress, out MethodLocation location) == UnwindDataError.None ? location.MethodStart : null;

    /// <summary>IntPtr RhGetCodeTarget(IntPtr codeAddress): the method an unboxing stub jumps to; any other address unchanged.</summary>
    [RuntimeExport("RhGetCodeTarget")]
    private static byte* GetCodeTarget(byte* codeAddress)
    {
        if (!UnwindSections.IsUnboxingStub(codeAddress))
            return codeAddress;
        UnboxingStub.Decoded stub = UnboxingStub.Decode(codeAddress, UnwindSections.UnboxingStubsEnd);
        return stub.Kind switch
        {
            UnboxingStub.JumpKind.Direct => stub.Address,
            UnboxingStub.JumpKind.ThroughCell => *(byte**)stub.Address,
            _ => codeAddress,
        };
    }

    /// <summary>
    /// IntPtr RhGetTargetOfUnboxingAndInstantiatingStub(IntPtr codeAddress): for a stub that unboxes and
    /// supplies the instantiation, the method it calls (recorded in the stub's associated data); else null.
    /// </summary>
    [RuntimeExport("RhGetTargetOfUnboxingAndInstantiatingStub")]
    private static byte* GetTargetOfUnboxingAndInstantiatingStub(byte* codeAddress)
    {
        if (MethodLookup.TryFind(codeAddress, out MethodLocation location) != UnwindDataError.None)
            return null;
        byte* data = UnwindBlock.AssociatedData(location);
        if (data == null || (*data & HasUnboxingAndInstantiatingTarget) == 0)
            return null;
        return data + 1 + Unsafe.ReadUnaligned<int>(data + 1);
    }
}
