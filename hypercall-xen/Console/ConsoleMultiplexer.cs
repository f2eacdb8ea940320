namespace Sharprun.Hypercall.Console;

/// <summary>
/// Carries the three console streams (application stdout, stderr, kernel log) over Xen's single console, so the
/// host can take them apart again (toolchain Xen/XenConsoleDemultiplexer). The encoding is line based, because the
/// bytes may pass through terminals that turn LF into CR LF and may be interleaved with the hypervisor's own lines:
/// <list type="bullet">
/// <item>every line the guest sends starts with RS (0x1E) and a stream tag: <c>o</c>, <c>e</c> or <c>k</c>;</item>
/// <item>a line ends with LF when the stream wrote LF, or with US LF (0x1F 0x0A) when the guest had to break the
/// line because another stream started writing (the host then joins the pieces without a newline);</item>
/// <item>inside a line, RS, US and CR are escaped as US followed by <c>0</c>, <c>1</c> or <c>r</c>, so any CR the
/// host sees is transport noise it may drop.</item>
/// </list>
/// Beneath the runtime: no allocation, the output goes to a sink in small chunks.
/// </summary>
internal static unsafe class ConsoleMultiplexer
{
    public const byte LineStart = 0x1E;
    public const byte Escape = 0x1F;

    private const int ChunkSize = 128;

    /// <summary>The stream whose line is open, or 0 when the next byte starts a line.</summary>
    private static int s_openStream;

    public static char Tag(ConsoleStream stream) => stream switch
    {
        ConsoleStream.Out => 'o',
        ConsoleStream.Error => 'e',
        _ => 'k',
    };

    /// <summary>Encodes one write of <paramref name="stream"/> and hands the bytes to <paramref name="sink"/>.</summary>
    public static void Write(ConsoleStream stream, byte* data, int length, delegate*<byte*, int, void> sink)
    {
        byte* chunk = stackalloc byte[ChunkSize + 8];
        int used = 0;
        int id = (int)stream;
        for (int i = 0; i < length; i++)
        {
            if (used >= ChunkSize)
            {
                sink(chunk, used);
                used = 0;
            }
            if (s_openStream != id)
            {
                if (s_openStream != 0)
                {
                    chunk[used++] = Escape;
                    chunk[used++] = (byte)'\n';
                }
                chunk[used++] = LineStart;
                chunk[used++] = (byte)Tag(stream);
                s_openStream = id;
            }
            byte b = data[i];
            switch (b)
            {
                case (byte)'\n':
                    chunk[used++] = b;
                    s_openStream = 0;
                    break;
                case LineStart:
                    chunk[used++] = Escape;
                    chunk[used++] = (byte)'0';
                    break;
                case Escape:
                    chunk[used++] = Escape;
                    chunk[used++] = (byte)'1';
                    break;
                case (byte)'\r':
                    chunk[used++] = Escape;
                    chunk[used++] = (byte)'r';
                    break;
                default:
                    chunk[used++] = b;
                    break;
            }
        }
        if (used > 0)
            sink(chunk, used);
    }

    /// <summary>Ends an open line (before power-off), so the host sees its last bytes.</summary>
    public static void Finish(delegate*<byte*, int, void> sink)
    {
        if (s_openStream == 0)
            return;
        byte* end = stackalloc byte[2];
        end[0] = Escape;
        end[1] = (byte)'\n';
        s_openStream = 0;
        sink(end, 2);
    }

    /// <summary>Forgets the open line (host tests start from a clean state).</summary>
    public static void Reset() => s_openStream = 0;
}
