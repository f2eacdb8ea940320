using System.Collections.Generic;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// Environment variables for the guest, as <c>-e KEY=VALUE</c> gives them: the key is everything before the first
/// '=' and must not be empty, the value is the rest (possibly empty, '=' allowed); NUL cannot reach the guest. On the
/// kernel command line and in an image they are quoted tokens, <c>"KEY=VALUE"</c>, in the arguments' quoting
/// (see <see cref="KernelCommandLine"/>); when a key is given more than once, the last definition wins.
/// </summary>
public static class GuestEnvironment
{
    /// <summary>Checks each definition; throws <see cref="UsageException"/> naming the first bad one.</summary>
    public static IReadOnlyList<string> Parse(IReadOnlyList<string> definitions, string command)
    {
        foreach (var definition in definitions)
        {
            int equals = definition.IndexOf('=');
            if (equals < 0)
                throw new UsageException($"-e needs KEY=VALUE, not '{definition}' (no '=')", command);
            if (equals == 0)
                throw new UsageException($"-e needs KEY=VALUE with a non-empty KEY, not '{definition}'", command);
            if (definition.Contains('\0'))
                throw new UsageException($"-e {definition[..equals]}: the variable contains a NUL character, which cannot reach the guest", command);
        }
        return definitions;
    }

    /// <summary>The quoted tokens the kernel decodes: <c>"A=1" "B=x y"</c>; empty for no variables.</summary>
    public static string Encode(IReadOnlyList<string> variables) => KernelCommandLine.Encode(variables);
}
