using Sharprun.Hypercall;

namespace Sharprun.Kernel.Pal;

/// <summary>Ends the guest when a PAL function is asked for something that can never complete or is corrupt.</summary>
internal static unsafe class PalPanic
{
    /// <summary>Writes "panic: " + <paramref name="message"/> to the kernel console and ends the guest; does not return.</summary>
    public static void Stop(ReadOnlySpan<byte> message)
    {
        WriteKernel("panic: "u8);
        WriteKernel(message);
        WriteKernel("\n"u8);
        Hypercalls.Panic();
    }

    private static void WriteKernel(ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
        {
            Hypercalls.ConsoleWrite(ConsoleStream.Kernel, bytes, text.Length);
        }
    }
}
