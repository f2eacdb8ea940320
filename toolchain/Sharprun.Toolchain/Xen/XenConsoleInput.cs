using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sharprun.Toolchain.Launch;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// run -i on the rig: the host's input travels QEMU's serial port → Xen → dom0's console → the guest's console pty.
/// Xen's serial driver strips bit 7 of every input byte and keeps only 128 bytes of input for dom0, so the bytes go
/// as base64 lines of at most <see cref="ChunkBytes"/> bytes, and each waits for a credit: dom0 prints an
/// <c>input NAME</c> record when it is ready for the next line. EOT (0x04) follows the input's end, as on bare metal.
/// </summary>
public sealed class XenConsoleInput
{
    /// <summary>96 base64 characters and a newline: less than Xen's 128-byte input ring.</summary>
    public const int ChunkBytes = 72;

    private readonly SemaphoreSlim _credits = new(0);

    /// <summary>dom0 is ready for one more line.</summary>
    public void Grant() => _credits.Release();

    /// <summary>Copies <paramref name="input"/> to <paramref name="serial"/> line by line until it ends, then sends EOT.</summary>
    public async Task ForwardAsync(Stream input, Stream serial, CancellationToken cancellation)
    {
        var buffer = new byte[ChunkBytes];
        int count;
        while ((count = await input.ReadAsync(buffer, cancellation)) > 0)
            await SendAsync(buffer.AsMemory(0, count), serial, cancellation);
        await SendAsync(new[] { ConsoleInputForwarder.EndOfTransmission }, serial, cancellation);
    }

    public static byte[] Line(ReadOnlySpan<byte> data) => Encoding.ASCII.GetBytes(Convert.ToBase64String(data) + "\n");

    private async Task SendAsync(ReadOnlyMemory<byte> data, Stream serial, CancellationToken cancellation)
    {
        await _credits.WaitAsync(cancellation);
        await serial.WriteAsync(Line(data.Span), cancellation);
        await serial.FlushAsync(cancellation);
    }
}
