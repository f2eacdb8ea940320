namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>The fault codes CoreLib's RhThrowHwEx understands (its EH.HwExceptionCode), as NativeAOT passes them.</summary>
public static class HardwareFaultCode
{
    /// <summary>Access below <see cref="NullGuardSize"/>: NullReferenceException.</summary>
    public const uint NullReference = 0x0000_0000;
    /// <summary>Any other access violation: CoreLib fails fast ("Access Violation ...").</summary>
    public const uint AccessViolation = 0xC000_0005;
    public const uint IntegerDivideByZero = 0xC000_0094;
    public const uint IntegerOverflow = 0xC000_0095;

    /// <summary>NativeAOT on Linux treats faults on addresses below 4 KiB as null dereferences.</summary>
    public const ulong NullGuardSize = 0x1000;
}
