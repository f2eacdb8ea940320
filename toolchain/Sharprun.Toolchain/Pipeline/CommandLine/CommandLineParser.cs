using System;
using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>
/// Parses <c>sharprun &lt;command&gt; [&lt;argument&gt;] [options] [-- pass-through...]</c>. Options may come before or
/// after the positional argument; long options take values as <c>--name value</c> or <c>--name=value</c>, short ones
/// as <c>-o value</c>. Everything after the first <c>--</c> is passed through untouched. Every mistake is a
/// <see cref="UsageException"/> that names the offending word.
/// </summary>
public static class CommandLineParser
{
    public static Invocation Parse(IReadOnlyList<string> args, IReadOnlyList<CommandSpec> commands)
    {
        if (args.Count == 0)
            throw new UsageException("no command given");

        string first = args[0];
        if (first is "-h" or "--help" or "help")
        {
            if (args.Count == 1)
                return new Invocation.Help(null);
            if (first == "help" && args.Count == 2)
                return new Invocation.Help(FindCommand(args[1], commands));
            throw new UsageException($"unexpected argument '{args[1]}' after '{first}'");
        }
        if (first == "--version")
        {
            if (args.Count > 1)
                throw new UsageException($"unexpected argument '{args[1]}' after '--version'");
            return new Invocation.Version();
        }
        if (first.StartsWith('-'))
            throw new UsageException($"unknown option '{first}'; options come after the command");

        var command = FindCommand(first, commands);
        return command.Subcommands is null
            ? ParseCommand(command, args.Skip(1).ToList())
            : ParseSubcommand(command, args.Skip(1).ToList());
    }

    private static CommandSpec FindCommand(string name, IReadOnlyList<CommandSpec> commands) =>
        commands.FirstOrDefault(c => c.Name == name)
        ?? throw new UsageException($"unknown command '{name}' (commands: {string.Join(", ", commands.Select(c => c.Name))})");

    /// <summary>The word after a command with subcommands picks one; the rest is parsed as that subcommand's.</summary>
    private static Invocation ParseSubcommand(CommandSpec parent, List<string> args)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help")
            return new Invocation.Help(parent);
        var subcommand = parent.Subcommands!.FirstOrDefault(c => c.Word == args[0])
            ?? throw new UsageException(
                $"unknown command '{parent.Name} {args[0]}' (commands: {string.Join(", ", parent.Subcommands!.Select(c => c.Word))})", parent.Name);
        return ParseCommand(subcommand, args.Skip(1).ToList());
    }

    private static Invocation ParseCommand(CommandSpec command, List<string> args)
    {
        var arguments = new List<string>();
        var more = command.MoreArguments ?? [];
        int maximumArguments = command.ArgumentName is null ? 0 : 1 + more.Count;
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var repeated = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var passThrough = new List<string>();

        for (int i = 0; i < args.Count; i++)
        {
            string word = args[i];
            if (word == "--")
            {
                if (!command.AcceptsPassThrough)
                    throw new UsageException($"'{command.Name}' takes no arguments after '--'", command.Name);
                passThrough.AddRange(args.Skip(i + 1));
                break;
            }
            if (word is "-h" or "--help")
                return new Invocation.Help(command);

            if (word.Length > 1 && word.StartsWith('-'))
            {
                var (option, inlineValue) = FindOption(command, word);
                if (options.ContainsKey(option.Name) && !option.Repeatable)
                    throw new UsageException($"option --{option.Name} given twice", command.Name);

                if (!option.TakesValue)
                {
                    if (inlineValue is not null)
                        throw new UsageException($"option --{option.Name} takes no value", command.Name);
                    options[option.Name] = null;
                    continue;
                }

                string? value = inlineValue;
                if (value is null)
                {
                    if (i + 1 >= args.Count || args[i + 1] == "--")
                        throw new UsageException($"option --{option.Name} needs a value <{option.ValueName}>", command.Name);
                    value = args[++i];
                }
                if (value.Length == 0)
                    throw new UsageException($"option --{option.Name} needs a non-empty value", command.Name);
                options[option.Name] = value;
                if (option.Repeatable)
                    (repeated.TryGetValue(option.Name, out var values) ? values : repeated[option.Name] = []).Add(value);
                continue;
            }

            if (arguments.Count >= maximumArguments)
                throw new UsageException(
                    $"unexpected argument '{word}'" + (command.AcceptsPassThrough ? "; put the application's arguments after '--'" : string.Empty),
                    command.Name);
            arguments.Add(word);
        }

        if (arguments.Count == 0 && command.ArgumentName is not null)
            throw new UsageException($"'{command.Name}' needs <{command.ArgumentName}>", command.Name);
        if (arguments.Count > 0 && more.Skip(arguments.Count - 1).FirstOrDefault(a => !a.Optional) is { } missing)
            throw new UsageException($"'{command.Name}' needs <{missing.Name}>", command.Name);
        return new Invocation.Execute(new ParsedCommand(command, arguments, options, repeated, passThrough));
    }

    private static (OptionSpec Option, string? InlineValue) FindOption(CommandSpec command, string word)
    {
        string name;
        string? inlineValue = null;
        OptionSpec? option;
        if (word.StartsWith("--", StringComparison.Ordinal))
        {
            name = word[2..];
            int equals = name.IndexOf('=');
            if (equals >= 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }
            option = command.Options.FirstOrDefault(o => o.Name == name);
        }
        else
        {
            name = word[1..];
            option = name.Length == 1 ? command.Options.FirstOrDefault(o => o.ShortName == name[0]) : null;
        }
        return option is null
            ? throw new UsageException($"unknown option '{word}' for '{command.Name}'", command.Name)
            : (option, inlineValue);
    }
}
