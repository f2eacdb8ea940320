using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>Outside text as it may appear in an error message: control characters replaced, long text cut.</summary>
public static class PrintableText
{
    /// <summary>The beginning of <paramref name="text"/>, at most <paramref name="limit"/> characters.</summary>
    public static string Of(string text, int limit = 120)
    {
        string printable = Replace(text);
        return printable.Length <= limit ? printable : printable[..(limit - 3)] + "...";
    }

    /// <summary>The end of <paramref name="text"/> (where a failing run says why), at most <paramref name="limit"/> characters.</summary>
    public static string Tail(string text, int limit)
    {
        string printable = Replace(text);
        return printable.Length <= limit ? printable : "..." + printable[^(limit - 3)..];
    }

    private static string Replace(string text) => string.Concat(text.Select(c => c == '\n' ? '/' : char.IsControl(c) ? '?' : c));
}
