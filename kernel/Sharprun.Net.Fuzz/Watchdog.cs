using System.Diagnostics;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// The per-input time limit of the in-process fuzzer (afl-fuzz has its own -t): an input still running after
/// the limit is saved as a hang and the process exits, since a stuck Poll cannot be interrupted.
/// </summary>
public sealed class Watchdog
{
    private readonly TimeSpan _limit;
    private readonly Findings _findings;
    private byte[]? _current;
    private long _startedTicks;

    public Watchdog(TimeSpan limit, Findings findings)
    {
        _limit = limit;
        _findings = findings;
        new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" }.Start();
    }

    public void Begin(byte[] input)
    {
        Volatile.Write(ref _startedTicks, Stopwatch.GetTimestamp());
        Volatile.Write(ref _current, input);
    }

    public void End() => Volatile.Write(ref _current, null);

    private void Watch()
    {
        while (true)
        {
            Thread.Sleep(100);
            if (Volatile.Read(ref _current) is not { } input)
                continue;
            if (Stopwatch.GetElapsedTime(Volatile.Read(ref _startedTicks)) < _limit || !ReferenceEquals(input, Volatile.Read(ref _current)))
                continue;
            string path = _findings.Save("hang", input, $"still running after {_limit.TotalSeconds} s");
            Console.Error.WriteLine($"fuzz: HANG: an input ran past {_limit.TotalSeconds} s; saved to {path}");
            Environment.Exit(3);
        }
    }
}
