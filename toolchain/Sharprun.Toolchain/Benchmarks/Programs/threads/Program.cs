// Threading costs for `sharprun bench`, timed by the program itself (Stopwatch) and printed as
// "bench: <figure> <number>" lines, which the toolchain's threads section reads. The same program runs
// in a Sharprun image and, compiled with NativeAOT, in a Linux guest.
//   threads CREATES HANDOFFS DELAYS RUNS  (thread create+join count, hand-offs, Task.Delay(1) samples, Task.Runs)
using System.Diagnostics;
using System.Globalization;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: threads CREATES HANDOFFS DELAYS RUNS");
    return 2;
}
int creates = int.Parse(args[0], CultureInfo.InvariantCulture);
int handoffs = int.Parse(args[1], CultureInfo.InvariantCulture);
int delays = int.Parse(args[2], CultureInfo.InvariantCulture);
int runs = int.Parse(args[3], CultureInfo.InvariantCulture);

// A short untimed pass of each first, so one-time costs (first thread, thread pool start, timer thread) stay out.
Figures.CreateJoin(Math.Min(creates, 10));
Figures.PingPong(Math.Min(handoffs, 100));
Figures.DelayLatency(Math.Min(delays, 3));
Figures.RunRoundTrip(Math.Min(runs, 50));

Figures.Print("create-join-us", Figures.CreateJoin(creates));
Figures.Print("handoff-us", Figures.PingPong(handoffs));
Figures.Print("delay-median-ms", Figures.DelayLatency(delays));
Figures.Print("task-run-us", Figures.RunRoundTrip(runs));
return 0;

static class Figures
{
    public static void Print(string name, double value) =>
        Console.WriteLine($"bench: {name} {value.ToString("0.000", CultureInfo.InvariantCulture)}");

    /// <summary>Microseconds per thread: start one, join it, one after another.</summary>
    public static double CreateJoin(int count)
    {
        int ran = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            var thread = new Thread(() => Interlocked.Increment(ref ran));
            thread.Start();
            thread.Join();
        }
        double elapsed = clock.Elapsed.TotalMicroseconds;
        Check(ran == count, $"{ran} of {count} threads ran");
        return elapsed / count;
    }

    /// <summary>Microseconds per hand-off: two threads take turns through Monitor.Wait/Pulse.</summary>
    public static double PingPong(int count)
    {
        var gate = new object();
        int turn = 0;
        int done = 0;
        void Player(int me)
        {
            for (int i = me; i < count; i += 2)
            {
                lock (gate)
                {
                    while (turn != i)
                        Monitor.Wait(gate);
                    turn = i + 1;
                    done++;
                    Monitor.Pulse(gate);
                }
            }
        }
        var clock = Stopwatch.StartNew();
        var other = new Thread(() => Player(1));
        other.Start();
        Player(0);
        other.Join();
        double elapsed = clock.Elapsed.TotalMicroseconds;
        Check(done == count, $"{done} of {count} hand-offs happened");
        return elapsed / count;
    }

    /// <summary>Median milliseconds from awaiting Task.Delay(1) to running again.</summary>
    public static double DelayLatency(int count)
    {
        var samples = new double[count];
        for (int i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            Task.Delay(1).GetAwaiter().GetResult();
            samples[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return count % 2 == 1 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2;
    }

    /// <summary>Microseconds per Task.Run of a trivial function, waited for by the calling thread.</summary>
    public static double RunRoundTrip(int count)
    {
        long sum = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            int value = i;
            sum += Task.Run(() => value).GetAwaiter().GetResult();
        }
        double elapsed = clock.Elapsed.TotalMicroseconds;
        Check(sum == (long)count * (count - 1) / 2, $"the tasks returned a sum of {sum}");
        return elapsed / count;
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition)
            throw new InvalidOperationException(failure);
    }
}
