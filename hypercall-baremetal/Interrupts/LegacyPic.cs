using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// The two 8259 interrupt controllers the firmware leaves in charge. They are reprogrammed so that their vectors
/// no longer overlap the CPU's exceptions, then masked: the I/O APIC delivers ISA interrupts instead.
/// </summary>
internal static class LegacyPic
{
    private const ushort PrimaryCommand = 0x20;
    private const ushort PrimaryData = 0x21;
    private const ushort SecondaryCommand = 0xA0;
    private const ushort SecondaryData = 0xA1;

    private const byte InitializeWithFourthWord = 0x11;
    private const byte SecondaryOnLine2 = 0x04;
    private const byte CascadeIdentity = 0x02;
    private const byte Mode8086 = 0x01;
    private const byte AllMasked = 0xFF;

    public static void Disable()
    {
        Instructions.OutByte(PrimaryCommand, InitializeWithFourthWord);
        Instructions.OutByte(SecondaryCommand, InitializeWithFourthWord);
        Instructions.OutByte(PrimaryData, InterruptVectors.LegacyPicBase);
        Instructions.OutByte(SecondaryData, InterruptVectors.LegacyPicBase + 8);
        Instructions.OutByte(PrimaryData, SecondaryOnLine2);
        Instructions.OutByte(SecondaryData, CascadeIdentity);
        Instructions.OutByte(PrimaryData, Mode8086);
        Instructions.OutByte(SecondaryData, Mode8086);
        Instructions.OutByte(PrimaryData, AllMasked);
        Instructions.OutByte(SecondaryData, AllMasked);
    }
}
