using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// Encodes the application's arguments into the kernel command line (QEMU's <c>-append</c>), which the kernel
/// decodes back into <c>Main</c>'s <c>string[] args</c>.
/// <para>
/// Format: each argument is enclosed in double quotes; inside the quotes a backslash escapes the next character
/// and only <c>\"</c> (a quote) and <c>\\</c> (a backslash) are written; every other character, spaces, newlines
/// and non-ASCII included, stands for itself (the command line is UTF-8). Arguments are separated by one space.
/// No arguments give an empty command line; an empty argument is <c>""</c>. Example:
/// <c>say "hi"</c>, <c>C:\x</c> and <c>ünï cödé</c> become <c>"say \"hi\"" "C:\\x" "ünï cödé"</c>.
/// </para>
/// <para>
/// A decoder should accept exactly that: tokens separated by one or more spaces, each a quoted string;
/// it rejects an unquoted token, an unterminated quote, or a backslash followed by anything but <c>"</c> or <c>\</c>.
/// NUL cannot be carried (the command line is a C string), so arguments containing it are refused.
/// </para>
/// </summary>
public static class KernelCommandLine
{
    /// <summary>
    /// Kernel options come first, as unquoted words ended by a <c>--</c> word; the kernel reads them
    /// before the arguments. Environment variables ("KEY=VALUE") are the option <c>env</c> followed by each
    /// variable quoted like an argument: <c>env "A=1" "B=x y" -- "arg"</c>. Without options or variables the line
    /// is the arguments alone.
    /// </summary>
    public static string Encode(IReadOnlyList<string> kernelOptions, IReadOnlyList<string> environment, IReadOnlyList<string> arguments)
    {
        foreach (var option in kernelOptions)
        {
            if (option.Length == 0 || option == "--" || option == "env" || option.Any(c => c is ' ' or '"' or '\\' || char.IsControl(c)))
                throw new ArgumentException($"'{option}' cannot be a kernel option: options are single words without quotes or backslashes");
        }
        foreach (var variable in environment)
        {
            if (variable.IndexOf('=') <= 0)
                throw new ArgumentException($"'{variable}' is not an environment variable: expected KEY=VALUE with a non-empty KEY");
        }
        var words = new List<string>(kernelOptions);
        if (environment.Count > 0)
            words.Add("env " + Encode(environment));
        string encoded = Encode(arguments);
        if (words.Count == 0)
            return encoded;
        return string.Join(' ', words) + " --" + (encoded.Length > 0 ? " " + encoded : "");
    }

    public static string Encode(IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (argument.Contains('\0'))
                throw new ArgumentException("an argument for the guest contains a NUL character, which the kernel command line cannot carry");
            if (text.Length > 0)
                text.Append(' ');
            text.Append('"');
            foreach (char c in argument)
            {
                if (c is '"' or '\\')
                    text.Append('\\');
                text.Append(c);
            }
            text.Append('"');
        }
        return text.ToString();
    }
}
