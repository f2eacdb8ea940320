using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Launch;

/// <summary>A guest's text made safe to print on the host's terminal.</summary>
public static class TerminalText
{
    /// <summary>Replaces control characters (C0 but tab, DEL, C1) so a hostile guest cannot send terminal escapes.</summary>
    public static string Sanitize(string line)
    {
        if (!line.Any(IsReplaced))
            return line;
        var text = new StringBuilder(line.Length);
        foreach (char c in line)
            text.Append(IsReplaced(c) ? '\uFFFD' : c);
        return text.ToString();
    }

    private static bool IsReplaced(char c) => c != '\t' && char.IsControl(c);
}
