using System.Collections.Generic;
using System.Globalization;

namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>What the parser made of a command line; typed accessors turn option values into usage errors when malformed.</summary>
public sealed class ParsedCommand
{
    private readonly Dictionary<string, string?> _options;
    private readonly Dictionary<string, List<string>> _repeated;
    private readonly IReadOnlyList<string> _arguments;

    internal ParsedCommand(CommandSpec spec, IReadOnlyList<string> arguments, Dictionary<string, string?> options,
        Dictionary<string, List<string>> repeated, IReadOnlyList<string> passThrough)
    {
        Spec = spec;
        _arguments = arguments;
        _options = options;
        _repeated = repeated;
        PassThrough = passThrough;
    }

    public CommandSpec Spec { get; }

    /// <summary>The positional argument (project or image) of a command that takes one.</summary>
    public string Argument => _arguments.Count > 0 ? _arguments[0] : throw new System.InvalidOperationException($"'{Spec.Name}' takes no positional argument");

    /// <summary>The positional argument at <paramref name="index"/> (0 is <see cref="Argument"/>), or null when an optional one was left out.</summary>
    public string? ArgumentAt(int index) => index < _arguments.Count ? _arguments[index] : null;

    /// <summary>Everything after <c>--</c>, unchanged.</summary>
    public IReadOnlyList<string> PassThrough { get; }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Value(string option) => _options.TryGetValue(option, out var value) ? value : null;

    /// <summary>Every value of a repeatable option, in the order given; empty when absent.</summary>
    public IReadOnlyList<string> Values(string option) => _repeated.TryGetValue(option, out var values) ? values : [];

    /// <summary>An integer option within [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public int Integer(string option, int min, int max, int fallback)
    {
        if (Value(option) is not { } text)
            return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new UsageException($"--{option} must be a whole number from {min} to {max}, not '{text}'", Spec.Name);
        return value;
    }

    /// <summary>A value from a fixed set (compared exactly), or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string option, IReadOnlyList<string> allowed, string fallback)
    {
        if (Value(option) is not { } text)
            return fallback;
        if (!((IList<string>)allowed).Contains(text))
            throw new UsageException($"--{option} must be one of {string.Join(", ", allowed)}, not '{text}'", Spec.Name);
        return text;
    }
}
