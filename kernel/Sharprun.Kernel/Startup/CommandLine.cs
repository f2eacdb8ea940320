namespace Sharprun.Kernel.Startup;

/// <summary>
/// Splits the kernel command line into the application's arguments. The launcher writes each
/// argument in double quotes, escaping <c>"</c> and <c>\</c> with a backslash, separated by spaces;
/// unquoted words are accepted too (as typed by hand into a boot loader). Bytes stay UTF-8.
/// Malformed input (an unterminated quote, a dangling backslash) is reported, never guessed at.
/// </summary>
internal static class CommandLine
{
    /// <summary>
    /// Parses <paramref name="text"/> into <paramref name="output"/>, writing each argument followed by
    /// a NUL byte; returns the argument count, or -1 with <paramref name="error"/> set.
    /// </summary>
    public static int Parse(System.ReadOnlySpan<byte> text, System.Span<byte> output, out string? error)
    {
        error = null;
        int count = 0;
        int written = 0;
        int i = 0;
        while (true)
        {
            while (i < text.Length && text[i] == (byte)' ')
                i++;
            if (i == text.Length)
                return count;
            bool quoted = text[i] == (byte)'"';
            if (quoted)
                i++;
            while (true)
            {
                if (i == text.Length)
                {
                    if (quoted)
                    {
                        error = "unterminated quote in the kernel command line";
                        return -1;
                    }
                    break;
                }
                byte c = text[i];
                if (quoted && c == (byte)'"')
                {
                    i++;
                    break;
                }
                if (!quoted && c == (byte)' ')
                    break;
                if (c == (byte)'\\')
                {
                    if (++i == text.Length)
                    {
                        error = "dangling backslash at the end of the kernel command line";
                        return -1;
                    }
                    c = text[i];
                }
                if (written == output.Length)
                {
                    error = "the kernel command line is too long";
                    return -1;
                }
                output[written++] = c;
                i++;
            }
            if (written == output.Length)
            {
                error = "the kernel command line is too long";
                return -1;
            }
            output[written++] = 0;
            count++;
        }
    }
}
