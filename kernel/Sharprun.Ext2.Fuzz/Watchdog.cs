using System.Diagnostics;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// The per-image time limit: an image still running after it is made again from its number, saved as a hang, and
/// the process exits (a stuck file system call cannot be interrupted).
/// </summary>
public sealed class Watchdog
{
    private readonly TimeSpan _limit;
    private readonly ImageGenerator _generator;
    private readonly Findings _findings;
    private readonly long[] _started;
    private readonly long[] _running;

    public Watchdog(TimeSpan limit, int workers, ImageGenerator generator, Findings findings)
    {
        _limit = limit;
        _generator = generator;
        _findings = findings;
        _started = new long[workers];
        _running = [.. Enumerable.Repeat(-1L, workers)];
        new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" }.Start();
    }

    public void Begin(int worker, long index)
    {
        Volatile.Write(ref _started[worker], Stopwatch.GetTimestamp());
        Volatile.Write(ref _running[worker], index);
    }

    public void End(int worker) => Volatile.Write(ref _running[worker], -1);

    private void Watch()
    {
        while (true)
        {
            Thread.Sleep(250);
            for (var worker = 0; worker < _running.Length; worker++)
            {
                var index = Volatile.Read(ref _running[worker]);
                if (index < 0 || Stopwatch.GetElapsedTime(Volatile.Read(ref _started[worker])) < _limit || index != Volatile.Read(ref _running[worker]))
                {
                    continue;
                }
                var path = _findings.Save("hang", $"hang {index}", _generator.Generate(index), $"still running after {_limit.TotalSeconds} s");
                Console.Error.WriteLine($"fuzz: HANG: image {index} ran past {_limit.TotalSeconds} s; saved to {path}");
                Environment.Exit(3);
            }
        }
    }
}
