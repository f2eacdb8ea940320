namespace Sharprun.Kernel.Startup;

/// <summary>
/// The kernel's own options, which the launcher puts in front of the application's arguments:
/// unquoted words ended by a <c>--</c> word, e.g. <c>gc.verify gc.trace -- "arg1" "arg2"</c>. A line
/// without an unquoted <c>--</c> before its first quoted word is all arguments, so hand-typed command
/// lines keep working. Options: <c>gc.verify</c> (heap verification around each collection),
/// <c>gc.trace</c> (a line per collection) and <c>console.input</c> (the host feeds the console's input, so
/// reading standard input waits for it instead of seeing end of file).
/// </summary>
internal static class KernelOptions
{
    public static bool VerifyHeap { get; private set; }

    public static bool TraceCollections { get; private set; }

    public static bool ConsoleInput { get; private set; }

    /// <summary>
    /// Applies the options at the start of <paramref name="line"/> and returns where the application's
    /// arguments start; or -1 with <paramref name="unknown"/> set to the first option it does not know.
    /// </summary>
    public static int Parse(System.ReadOnlySpan<byte> line, out System.Range unknown)
    {
        unknown = default;
        int argumentsStart = FindSeparatorEnd(line);
        if (argumentsStart < 0)
            return 0;
        bool verify = false, trace = false, input = false;
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == (byte)' ')
                i++;
            int start = i;
            while (i < line.Length && line[i] != (byte)' ')
                i++;
            System.ReadOnlySpan<byte> word = line[start..i];
            if (word.SequenceEqual("--"u8))
                break;
            if (word.SequenceEqual("gc.verify"u8))
                verify = true;
            else if (word.SequenceEqual("gc.trace"u8))
                trace = true;
            else if (word.SequenceEqual("console.input"u8))
                input = true;
            else
            {
                unknown = start..i;
                return -1;
            }
        }
        VerifyHeap = verify;
        TraceCollections = trace;
        ConsoleInput = input;
        return argumentsStart;
    }

    /// <summary>Index just past an unquoted "--" word that comes before any quoted word; -1 if there is none.</summary>
    private static int FindSeparatorEnd(System.ReadOnlySpan<byte> line)
    {
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == (byte)' ')
                i++;
            if (i == line.Length || line[i] == (byte)'"')
                return -1;
            int start = i;
            while (i < line.Length && line[i] != (byte)' ')
            {
                if (line[i] == (byte)'"' || line[i] == (byte)'\\')
                    return -1;
                i++;
            }
            if (line[start..i].SequenceEqual("--"u8))
                return i;
        }
    }
}
