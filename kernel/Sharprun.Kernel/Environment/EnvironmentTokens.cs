namespace Sharprun.Kernel.Environment;

/// <summary>
/// Environment variables as the toolchain writes them: quoted <c>"KEY=VALUE"</c> tokens separated by spaces, in
/// the kernel command line's quoting (a backslash escapes <c>"</c> or <c>\</c>, every other byte stands for itself,
/// UTF-8). On the kernel command line they follow the <c>env</c> option (<c>env "A=1" "B=x y" gc.trace -- "arg"</c>);
/// the defaults baked into an image are the same tokens alone. Not JSON: a JSON parser in every image would cost
/// more than the image's whole size margin, and this is the quoting the arguments already use.
/// Beneath the runtime (read before the managed runtime starts): spans only, no allocation, no exceptions.
/// </summary>
internal static class EnvironmentTokens
{
    /// <summary>
    /// Decodes the tokens from <paramref name="index"/> on: spaces, then quoted tokens until the end of
    /// <paramref name="text"/> or the first byte that does not open a quote (where <paramref name="index"/> is left).
    /// Each variable goes to <paramref name="output"/> at <paramref name="written"/>, followed by a NUL. Returns how
    /// many were read, or -1 with <paramref name="error"/> and <paramref name="culprit"/> (the token in
    /// <paramref name="text"/>) set. A decoded token is at most as long as its text, so an output as long as the
    /// text plus one byte per token always suffices.
    /// </summary>
    public static int Decode(System.ReadOnlySpan<byte> text, ref int index, System.Span<byte> output, ref int written,
        out string? error, out System.Range culprit)
    {
        error = null;
        culprit = default;
        int count = 0;
        int i = index;
        while (true)
        {
            while (i < text.Length && text[i] == (byte)' ')
                i++;
            if (i == text.Length || text[i] != (byte)'"')
            {
                index = i;
                return count;
            }
            int start = i++;
            int entryStart = written;
            bool closed = false;
            while (i < text.Length)
            {
                byte c = text[i++];
                if (c == (byte)'"')
                {
                    closed = true;
                    break;
                }
                if (c == (byte)'\\')
                {
                    if (i == text.Length || (text[i] != (byte)'"' && text[i] != (byte)'\\'))
                        return Fail("a backslash in an environment variable escapes neither '\"' nor '\\'", start, i, out error, out culprit);
                    c = text[i++];
                }
                if (written == output.Length)
                    return Fail("the environment does not fit the kernel's buffer", start, i, out error, out culprit);
                output[written++] = c;
            }
            if (!closed)
                return Fail("unterminated quote in an environment variable", start, i, out error, out culprit);
            if (i < text.Length && text[i] != (byte)' ')
                return Fail("an environment variable's closing quote is not followed by a space", start, i, out error, out culprit);
            System.ReadOnlySpan<byte> entry = output[entryStart..written];
            int equals = entry.IndexOf((byte)'=');
            if (equals < 0)
                return Fail("an environment variable has no '=' (expected \"KEY=VALUE\")", start, i, out error, out culprit);
            if (equals == 0)
                return Fail("an environment variable has an empty name (expected \"KEY=VALUE\")", start, i, out error, out culprit);
            if (written == output.Length)
                return Fail("the environment does not fit the kernel's buffer", start, i, out error, out culprit);
            output[written++] = 0;
            count++;
        }
    }

    /// <summary>
    /// Given <paramref name="count"/> NUL-terminated "KEY=VALUE" entries at the <paramref name="starts"/> offsets of
    /// <paramref name="entries"/>, drops every entry whose key a later entry defines again (a later definition
    /// overrides an earlier one), keeping the others in order; returns how many remain at the front of
    /// <paramref name="starts"/>.
    /// </summary>
    public static int RemoveOverridden(System.ReadOnlySpan<byte> entries, System.Span<int> starts, int count)
    {
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            System.ReadOnlySpan<byte> key = Key(entries, starts[i]);
            bool overridden = false;
            for (int j = i + 1; j < count && !overridden; j++)
                overridden = Key(entries, starts[j]).SequenceEqual(key);
            if (!overridden)
                starts[kept++] = starts[i];
        }
        return kept;
    }

    /// <summary>The offsets of the <paramref name="count"/> NUL-terminated entries that start <paramref name="entries"/>.</summary>
    public static void FindStarts(System.ReadOnlySpan<byte> entries, System.Span<int> starts, int count)
    {
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            starts[i] = offset;
            offset += entries[offset..].IndexOf((byte)0) + 1;
        }
    }

    private static System.ReadOnlySpan<byte> Key(System.ReadOnlySpan<byte> entries, int start)
    {
        System.ReadOnlySpan<byte> entry = entries[start..];
        return entry[..entry.IndexOf((byte)'=')];
    }

    private static int Fail(string message, int start, int end, out string? error, out System.Range culprit)
    {
        error = message;
        culprit = start..end;
        return -1;
    }
}
