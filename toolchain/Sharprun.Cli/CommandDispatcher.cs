using System;
using System.Reflection;
using Sharprun.Toolchain.Compilation;
using Sharprun.Toolchain.Disks;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Cli;

/// <summary>Parses the command line, runs the command, and turns every failure into a message and an exit code.</summary>
internal static class CommandDispatcher
{
    public static int Run(string[] args)
    {
        string? command = null;
        bool verbose = false;
        try
        {
            var invocation = CommandLineParser.Parse(args, SharprunCommands.All);
            switch (invocation)
            {
                case Invocation.Help help:
                    Console.Out.Write(help.Command is null ? SharprunCommands.ToolHelp() : SharprunCommands.CommandHelp(help.Command));
                    return ExitCodes.Success;
                case Invocation.Version:
                    Console.Out.WriteLine($"sharprun {ToolVersion()} (NativeAOT compiler {IlcPackage.PinnedVersion})");
                    return ExitCodes.Success;
                case Invocation.Execute execute:
                    command = execute.Command.Spec.Name;
                    verbose = execute.Command.Has(SharprunCommands.Verbose.Name);
                    if (execute.Command.Spec.Name.StartsWith(DiskCommands.Disk + " ", StringComparison.Ordinal))
                    {
                        using var output = Console.OpenStandardOutput();
                        return DiskCommands.Execute(execute.Command, output, Console.Error);
                    }
                    return command switch
                    {
                        SharprunCommands.Build => BuildCommand.Execute(execute.Command),
                        SharprunCommands.Bench => BenchCommand.Execute(execute.Command),
                        _ => RunCommand.Execute(execute.Command),
                    };
                default:
                    throw new InvalidOperationException($"unhandled invocation {invocation}");
            }
        }
        catch (UsageException e)
        {
            string? about = e.Command ?? command;
            Console.Error.WriteLine($"sharprun: {e.Message}");
            Console.Error.WriteLine(about is null
                ? "Run 'sharprun --help' for usage."
                : $"Run 'sharprun {about} --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (ToolchainException e)
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"sharprun: error: {e.Message}");
            return ExitCodes.BuildFailure;
        }
        catch (Exception e)
        {
            // A bug in sharprun itself: say so plainly; the stack trace is for whoever fixes it.
            Console.Out.Flush();
            Console.Error.WriteLine($"sharprun: internal error: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(verbose ? e.ToString() : "Run again with --verbose for the stack trace.");
            return ExitCodes.BuildFailure;
        }
    }

    private static string ToolVersion()
    {
        string version = typeof(CommandDispatcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }
}
