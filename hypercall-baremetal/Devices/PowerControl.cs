using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Ends the guest. The exit code travels as a record on the kernel log (the launcher reads it); the
/// power-off itself goes through QEMU's isa-debug-exit device, and a machine without one halts.
/// </summary>
internal static unsafe class PowerControl
{
    private const ushort DebugExitPort = 0xF4;

    public static void Exit(int exitCode)
    {
        WriteRecord("@@sharprun-exit ", exitCode & 0xFF);
        PowerOff();
    }

    public static void Panic()
    {
        SerialConsole.WriteKernel("@@sharprun-panic\n");
        PowerOff();
    }

    private static void WriteRecord(string prefix, int value)
    {
        SerialConsole.WriteKernel(prefix);
        byte* digits = stackalloc byte[4];
        int count = 0;
        do
        {
            digits[count++] = (byte)('0' + value % 10);
            value /= 10;
        }
        while (value != 0);
        for (int i = count - 1; i >= 0; i--)
            SerialConsole.Write(ConsoleStream.Kernel, digits + i, 1);
        SerialConsole.WriteKernel("\n");
    }

    private static void PowerOff()
    {
        Instructions.OutDword(DebugExitPort, 0);
        Instructions.HaltForever();
    }
}
