using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// Feeds the guest's console input (COM1) from the launcher's own input (run -i): the bytes as they come, then EOT
/// (0x04) when the input ends. A serial line has no end of file of its own; the kernel, told by the
/// <see cref="KernelOption"/> option that input is connected, takes EOT as the end, as a terminal takes Ctrl-D —
/// so a 0x04 byte inside piped input ends it there too. Without the option the kernel reads end of file at once.
/// </summary>
public static class ConsoleInputForwarder
{
    public const string KernelOption = "console.input";
    public const byte EndOfTransmission = 0x04;

    /// <summary>Copies <paramref name="input"/> to <paramref name="guest"/> until it ends, then sends EOT.</summary>
    public static async Task ForwardAsync(Stream input, Stream guest, CancellationToken cancellation)
    {
        var buffer = new byte[4096];
        int count;
        while ((count = await input.ReadAsync(buffer, cancellation)) > 0)
        {
            await guest.WriteAsync(buffer.AsMemory(0, count), cancellation);
            await guest.FlushAsync(cancellation);
        }
        await guest.WriteAsync(new[] { EndOfTransmission }, cancellation);
        await guest.FlushAsync(cancellation);
    }
}
