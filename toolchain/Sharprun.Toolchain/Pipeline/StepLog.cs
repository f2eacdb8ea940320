using System;
using System.Diagnostics;
using System.IO;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// Prints each build step with its duration (<c>  compile        41.2 s</c>). Without --verbose the name is
/// written first and the duration completes the line, so a long step shows what is running.
/// </summary>
public sealed class StepLog
{
    private const int NameWidth = 15;
    private readonly TextWriter _writer;

    public StepLog(TextWriter writer, bool verbose)
    {
        _writer = writer;
        Verbose = verbose;
    }

    public bool Verbose { get; }

    /// <summary>Where tools echo their output in verbose mode; null otherwise.</summary>
    public TextWriter? Echo => Verbose ? _writer : null;

    public T Step<T>(string name, Func<T> action)
    {
        if (Verbose)
            _writer.WriteLine($"  {name} ...");
        else
            _writer.Write($"  {name.PadRight(NameWidth)}");
        _writer.Flush();

        var clock = Stopwatch.StartNew();
        try
        {
            T result = action();
            Finish(name, $"{clock.Elapsed.TotalSeconds,5:0.0} s");
            return result;
        }
        catch
        {
            Finish(name, "failed");
            throw;
        }
    }

    public void Step(string name, Action action) => Step(name, () => { action(); return true; });

    /// <summary>A line under the steps, e.g. the image written and its size.</summary>
    public void Note(string name, string text)
    {
        _writer.WriteLine($"  {name.PadRight(NameWidth)}{text}");
        _writer.Flush();
    }

    /// <summary>A line of its own between the steps, e.g. a warning of the build's report.</summary>
    public void Line(string text)
    {
        _writer.WriteLine(text);
        _writer.Flush();
    }

    private void Finish(string name, string text)
    {
        _writer.WriteLine(Verbose ? $"  {name.PadRight(NameWidth)}{text}" : text);
        _writer.Flush();
    }
}
