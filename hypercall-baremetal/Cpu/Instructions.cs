using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Cpu;

/// <summary>Single CPU instructions, implemented as assembly stubs (toolchain LowLevel/Baremetal/CpuStubs).</summary>
internal static unsafe class Instructions
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_outb")]
    public static extern void OutByte(ushort port, byte value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_inb")]
    public static extern byte InByte(ushort port);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_outl")]
    public static extern void OutDword(ushort port, uint value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_inl")]
    public static extern uint InDword(ushort port);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_outw")]
    public static extern void OutWord(ushort port, ushort value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_inw")]
    public static extern ushort InWord(ushort port);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_rdtsc")]
    public static extern ulong ReadTimeStampCounter();

    /// <summary>Fills <paramref name="registers"/> with eax, ebx, ecx, edx.</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_cpuid")]
    public static extern void Cpuid(uint leaf, uint subleaf, uint* registers);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_rdrand")]
    public static extern bool ReadRandom(ulong* value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_read_cr0")]
    public static extern ulong ReadCr0();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_write_cr0")]
    public static extern void WriteCr0(ulong value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_read_cr3")]
    public static extern ulong ReadCr3();

    /// <summary>Also flushes every TLB entry (the kernel maps nothing global).</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_write_cr3")]
    public static extern void WriteCr3(ulong value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_invlpg")]
    public static extern void InvalidatePage(ulong address);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_halt_forever")]
    public static extern void HaltForever();
}
