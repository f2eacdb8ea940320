using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Boot;

/// <summary>
/// The kernel command line, copied into the image at boot: the loader's copy lies in memory the kernel will hand
/// out. Longer lines are cut at <see cref="Capacity"/> - 1 bytes. Shared by both platforms.
/// </summary>
internal static unsafe class BootCommandLine
{
    public const int Capacity = 4096;

    private static TextBuffer s_text;

    /// <summary>The NUL-terminated copy (empty until <see cref="Copy"/>).</summary>
    public static byte* Text => (byte*)Unsafe.AsPointer(ref s_text);

    /// <summary>Copies the NUL-terminated string at <paramref name="source"/>, reading at most <paramref name="limit"/> bytes; null leaves it empty.</summary>
    public static void Copy(byte* source, int limit)
    {
        byte* target = Text;
        int length = 0;
        if (source != null)
        {
            while (length < Capacity - 1 && length < limit && source[length] != 0)
            {
                target[length] = source[length];
                length++;
            }
        }
        target[length] = 0;
    }

    [InlineArray(Capacity)]
    private struct TextBuffer
    {
        private byte _first;
    }
}
