using System.Diagnostics;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// Runs images 0, 1, 2... on one worker thread per core until the count or the time is reached. Each image is a
/// function of its number alone, so the set of images run (and what they find) does not depend on the scheduling.
/// No coverage feedback: its worth is speed, an exact count, and mutations aimed at the metadata.
/// </summary>
public sealed class ParallelFuzzer(ImageGenerator generator, Findings findings, Watchdog watchdog, InflightFile inflight, int workers)
{
    private const long MaxHeapBytes = 1L << 30;

    private readonly long[] _outcomes = new long[Enum.GetValues<MountOutcome>().Length];
    private long _next = -1;
    private long _images;
    private long _corrupted;
    private long _crashes;

    public long Images => Interlocked.Read(ref _images);

    public long Crashes => Interlocked.Read(ref _crashes);

    public void Run(long count, TimeSpan duration)
    {
        var started = Stopwatch.StartNew();
        var deadline = started.Elapsed + duration;
        var threads = Enumerable.Range(0, workers)
            .Select(worker => new Thread(() => Work(worker, count, () => started.Elapsed < deadline)) { Name = $"fuzz worker {worker}" }).ToList();
        threads.ForEach(thread => thread.Start());
        while (!threads.All(thread => thread.Join(TimeSpan.FromSeconds(5))))
        {
            Report(started.Elapsed);
        }
        Report(started.Elapsed);
        Console.WriteLine($"time: {started.Elapsed.TotalSeconds:F1} s ({Images / started.Elapsed.TotalSeconds:F0} images/s on {workers} workers)");
    }

    public string Summary() =>
        $"mounts refused {_outcomes[(int)MountOutcome.Refused]}, read-only {_outcomes[(int)MountOutcome.ReadOnly]}, "
        + $"read-write {_outcomes[(int)MountOutcome.ReadWrite]}; images with a Corrupted answer {_corrupted}";

    private void Report(TimeSpan elapsed) =>
        Console.Error.WriteLine(
            $"fuzz: {Images} images, {Images / Math.Max(elapsed.TotalSeconds, 0.001):F0}/s, {Crashes} crashes ({findings.Saved} saved); {Summary()}");

    private void Work(int worker, long count, Func<bool> inTime)
    {
        var buffers = new Dictionary<int, byte[]>();
        while (inTime())
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= count)
            {
                break;
            }
            var size = generator.Seeds[(int)(index % generator.Seeds.Count)].Image.Length;
            if (!buffers.TryGetValue(size, out var buffer))
            {
                buffers[size] = buffer = new byte[size];
            }
            var fuzzCase = generator.Generate(index, buffer);
            inflight.Set(worker, index);
            watchdog.Begin(worker, index);
            try
            {
                var (outcome, corrupted) = ImageRun.Run(fuzzCase.Image);
                Interlocked.Increment(ref _outcomes[(int)outcome]);
                if (corrupted > 0)
                {
                    Interlocked.Increment(ref _corrupted);
                }
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref _crashes);
                // The run changed the buffer: the image is made again from its number before it is saved.
                var path = findings.Save("crash", Signature(exception), generator.Generate(index), exception.ToString());
                if (path is not null)
                {
                    Console.Error.WriteLine($"fuzz: CRASH in image {index} ({fuzzCase.Seed.Name}) saved to {path}{Environment.NewLine}{exception}");
                }
            }
            watchdog.End(worker);
            inflight.Set(worker, -1);
            if (Interlocked.Increment(ref _images) % 4096 == 0 && GC.GetTotalMemory(false) > MaxHeapBytes)
            {
                throw new InvalidOperationException($"the managed heap grew past {MaxHeapBytes >> 20} MiB across the run");
            }
        }
    }

    /// <summary>The exception's type and the file system frame it came from (innermost exception), so one bug is saved once.</summary>
    private static string Signature(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }
        var frame = innermost.StackTrace?.Split('\n').Select(line => line.Trim())
            .FirstOrDefault(line => line.Contains("Sharprun.Ext2.", StringComparison.Ordinal) && !line.Contains("Sharprun.Ext2.Fuzz.", StringComparison.Ordinal)) ?? "";
        return $"{innermost.GetType().Name} {frame}";
    }
}
