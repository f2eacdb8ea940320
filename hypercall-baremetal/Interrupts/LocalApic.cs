using System.Threading;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// The CPU's local APIC in xAPIC mode: its registers are memory-mapped at the address the IA32_APIC_BASE MSR
/// gives (inside the identity-mapped first 4 GiB). It is software-enabled with the spurious vector, accepts every
/// priority, leaves the 8259s' virtual-wire input (LINT0) masked, and owns the timer (<see cref="DeadlineTimer"/>).
/// </summary>
internal static unsafe class LocalApic
{
    private const ulong GlobalEnable = 1UL << 11;
    private const ulong X2ApicMode = 1UL << 10;
    private const ulong BaseMask = 0x000F_FFFF_FFFF_F000;
    private const uint CpuidApicPresent = 1u << 9;

    private const int IdRegister = 0x20;
    private const int TaskPriority = 0x80;
    private const int EndOfInterruptRegister = 0xB0;
    private const int SpuriousVectorRegister = 0xF0;
    private const int TimerVectorRegister = 0x320;
    private const int Lint0VectorRegister = 0x350;
    private const int ErrorVectorRegister = 0x370;
    private const int InitialCountRegister = 0x380;
    private const int CurrentCountRegister = 0x390;
    private const int DivideRegister = 0x3E0;

    private const uint SoftwareEnable = 1u << 8;
    private const uint Masked = 1u << 16;
    private const uint TscDeadlineMode = 2u << 17;
    private const uint DivideByOne = 0b1011;

    private static byte* s_registers;

    /// <summary>False when the CPU has no local APIC or the firmware left it in x2APIC mode.</summary>
    public static bool Initialize()
    {
        uint* cpuid = stackalloc uint[4];
        Instructions.Cpuid(1, 0, cpuid);
        if ((cpuid[3] & CpuidApicPresent) == 0)
            return false;
        ulong baseMsr = ModelSpecificRegisters.Read(ModelSpecificRegisters.ApicBase);
        if ((baseMsr & X2ApicMode) != 0)
            return false;
        if ((baseMsr & GlobalEnable) == 0)
            ModelSpecificRegisters.Write(ModelSpecificRegisters.ApicBase, baseMsr | GlobalEnable);
        ulong address = baseMsr & BaseMask;
        if (address >= 4UL << 30 || !PageTables.MakeUncacheable(address))
            return false;
        s_registers = (byte*)address;

        Write(TaskPriority, 0);
        Write(Lint0VectorRegister, Masked);
        Write(ErrorVectorRegister, Masked);
        Write(TimerVectorRegister, Masked | InterruptVectors.Timer);
        Write(InitialCountRegister, 0);
        Write(DivideRegister, DivideByOne);
        Write(SpuriousVectorRegister, SoftwareEnable | InterruptVectors.Spurious);
        EndOfInterrupt();
        return true;
    }

    /// <summary>This CPU's APIC ID: where the I/O APIC sends interrupts.</summary>
    public static byte Id => (byte)(Read(IdRegister) >> 24);

    public static void EndOfInterrupt() => Write(EndOfInterruptRegister, 0);

    /// <summary>The timer counts down from <see cref="StartCountdown"/> at the bus clock (divided by one) and interrupts at zero.</summary>
    public static void UseCountdownTimer(bool interrupts) =>
        Write(TimerVectorRegister, (interrupts ? 0 : Masked) | InterruptVectors.Timer);

    /// <summary>The timer interrupts when the TSC reaches the IA32_TSC_DEADLINE MSR.</summary>
    public static void UseTscDeadlineTimer() => Write(TimerVectorRegister, TscDeadlineMode | InterruptVectors.Timer);

    /// <summary>Starts the countdown from <paramref name="count"/>; 0 stops it.</summary>
    public static void StartCountdown(uint count) => Write(InitialCountRegister, count);

    public static uint CurrentCount => Read(CurrentCountRegister);

    private static uint Read(int register) => Volatile.Read(ref *(uint*)(s_registers + register));

    private static void Write(int register, uint value) => Volatile.Write(ref *(uint*)(s_registers + register), value);
}
