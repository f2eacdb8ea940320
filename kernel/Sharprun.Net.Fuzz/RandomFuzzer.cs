using System.Diagnostics;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// The fuzzer that needs no AFL: seeded mutations of the corpus (and of its own recent mutants) run in-process on
/// a fresh target each, until at least the asked number of frames was fed. No coverage feedback: its worth is
/// speed and an exact frame count.
/// </summary>
public sealed class RandomFuzzer(IReadOnlyList<byte[]> corpus, Findings findings, int seed, TimeSpan timeLimit)
{
    private const int RecentCapacity = 256;

    private readonly Mutator _mutator = new(seed);
    private readonly Random _random = new(seed);
    private readonly List<byte[]> _recent = [];
    private readonly HashSet<string> _signatures = [];
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];

    public long Inputs { get; private set; }

    public long Frames { get; private set; }

    public long Crashes { get; private set; }

    public long FramesTransmitted { get; private set; }

    public void Run(long frameGoal)
    {
        var watchdog = new Watchdog(timeLimit, findings);
        var started = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (Frames < frameGoal)
        {
            byte[] input = Inputs < corpus.Count ? corpus[(int)Inputs] : Next();
            watchdog.Begin(input);
            RunOne(input);
            watchdog.End();
            if (Inputs % 1024 == 0 && GC.GetTotalMemory(false) > FuzzTarget.MaxHeapBytes)
                throw new InvariantViolationException($"the managed heap grew past {FuzzTarget.MaxHeapBytes >> 20} MiB across the run");
            if (started.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = started.Elapsed;
                Console.Error.WriteLine($"fuzz: {Inputs} inputs, {Frames} frames, {Frames / started.Elapsed.TotalSeconds:F0} frames/s, {Crashes} crashes");
            }
        }
        Console.WriteLine($"time: {started.Elapsed.TotalSeconds:F1} s ({Frames / started.Elapsed.TotalSeconds:F0} frames/s)");
    }

    /// <summary>Drops by reason, added up over every input: which parts of the receive path the run reached.</summary>
    public string DropSummary() => string.Join(", ", Enum.GetValues<DropReason>()
        .Where(reason => _drops[(int)reason] != 0).Select(reason => $"{reason}={_drops[(int)reason]}"));

    private byte[] Next()
    {
        var pool = _recent.Count > 0 && _random.Next(4) == 0 ? _recent : corpus;
        byte[] mutant = _mutator.Mutate(pool[_random.Next(pool.Count)], corpus);
        if (_recent.Count < RecentCapacity)
            _recent.Add(mutant);
        else
            _recent[_random.Next(RecentCapacity)] = mutant;
        return mutant;
    }

    private void RunOne(byte[] input)
    {
        Inputs++;
        FuzzTarget? target = null;
        try
        {
            target = new FuzzTarget();
            target.Run(input);
        }
        catch (Exception exception)
        {
            Crashes++;
            string signature = Signature(exception);
            if (_signatures.Add(signature))
            {
                string path = findings.Save("crash", input, exception.ToString());
                Console.Error.WriteLine($"fuzz: CRASH ({signature}) saved to {path}{Environment.NewLine}{exception}");
            }
        }
        if (target is null)
            return;
        Frames += target.FramesFed;
        FramesTransmitted += target.Eth0.FramesTransmitted + target.Eth1.FramesTransmitted;
        foreach (var reason in Enum.GetValues<DropReason>())
            _drops[(int)reason] += target.Stack.Statistics[reason];
    }

    /// <summary>The exception's type and where it was thrown (innermost), so one bug is saved once.</summary>
    private static string Signature(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner)
            innermost = inner;
        string where = innermost.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
        return innermost == exception ? $"{exception.GetType().Name}: {exception.Message}" : $"{innermost.GetType().Name} {where}";
    }
}
