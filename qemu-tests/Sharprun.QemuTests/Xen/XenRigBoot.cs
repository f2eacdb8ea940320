using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sharprun.QemuTests.Platforms;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Xen;

namespace Sharprun.QemuTests.Xen;

/// <summary>
/// The one boot of the Xen rig (Linux dom0) shared by the whole test run: it builds the Xen image of every case of
/// <see cref="GuestCatalog"/>, and dom0 creates them as 64 MiB PVH DomUs one after the other. Starts on the first
/// request and runs in the background, so bare-metal tests go on meanwhile, except while the guests that run alone
/// (<see cref="GuestCase.RunsAlone"/>) boot and run.
/// </summary>
public static class XenRigBoot
{
    /// <summary>As much as the bare-metal tests give their guests (<c>--memory 64</c>).</summary>
    public const int GuestMemoryMiB = 64;

    private const int TimeoutSeconds = 1800;

    private static readonly Lazy<Task<Result>> Boot = new(() => Task.Run(Run));

    public static StepLog Log { get; } = new(TextWriter.Null, verbose: false);

    public static async Task<XenGuestOutcome> OutcomeAsync(GuestCase guestCase) =>
        (await Boot.Value).Outcomes[DomainName(guestCase)];

    /// <summary>How long the images took to build and QEMU ran, and when each guest ended: the suite's time budget.</summary>
    public static async Task<RigTiming> TimingAsync() => (await Boot.Value).Timing;

    /// <param name="Window">When QEMU started and ended, by the host's clock.</param>
    public sealed record RigTiming(double BuildSeconds, double BootSeconds, (DateTime Start, DateTime End) Window, string Timeline);

    /// <summary>The DomU's name: the image and the case's place in the catalog.</summary>
    public static string DomainName(GuestCase guestCase)
    {
        int index = GuestCatalog.All.ToList().IndexOf(guestCase);
        if (index < 0)
            throw new InvalidOperationException($"'{guestCase}' is not in GuestCatalog.All");
        return $"{guestCase.Image}-{index}";
    }

    private sealed record Result(Dictionary<string, XenGuestOutcome> Outcomes, RigTiming Timing);

    private static Result Run()
    {
        var images = GuestCatalog.All.Select(c => c.Image).Distinct().ToList();
        var built = new ConcurrentDictionary<string, string>();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(images, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            image => built[image] = XenGuestImages.Get($"qemu-tests/Images/{image}"));
        double buildSeconds = clock.Elapsed.TotalSeconds;

        // Guests that run alone go first: the rest of the test run waits from QEMU's start until they have ended.
        var ordered = GuestCatalog.All.OrderBy(c => c.RunsAlone ? 0 : 1).ToList();
        var guests = ordered.Select(c => new XenGuest(DomainName(c), built[c.Image], c.CommandLine, GuestMemoryMiB)).ToList();
        var aloneUntilEnded = ordered.Where(c => c.RunsAlone).Select(DomainName).ToHashSet();
        var timeline = new StringBuilder();
        timeline.Append(CultureInfo.InvariantCulture, $"built {images.Count} Xen images in {buildSeconds:F1} s\n");
        DateTime started = DateTime.UtcNow;
        using var alone = aloneUntilEnded.Count > 0 ? GuestConcurrency.Alone() : null;
        var boot = Stopwatch.StartNew();
        double last = 0;
        var run = new XenRigRun(XenRig.Prepare(Log), guests)
        {
            OnRigLine = line =>
            {
                string[] fields = line.Split(' ');
                if (!line.StartsWith(Dom0Script.RecordPrefix, StringComparison.Ordinal) || fields.Length < 2)
                    return;
                double now = boot.Elapsed.TotalSeconds;
                switch (fields[1])
                {
                    case "ready":
                        timeline.Append(CultureInfo.InvariantCulture, $"{now,7:F1} s  dom0 ready\n");
                        break;
                    case "end" when fields.Length > 2:
                        timeline.Append(CultureInfo.InvariantCulture, $"{now,7:F1} s  {fields[2]} ended (+{now - last:F1} s)\n");
                        if (aloneUntilEnded.Remove(fields[2]) && aloneUntilEnded.Count == 0)
                            alone?.Release();
                        break;
                    default:
                        return;
                }
                last = now;
            },
        };
        var outcomes = run.Run(TimeoutSeconds);
        double bootSeconds = boot.Elapsed.TotalSeconds;
        timeline.Append(CultureInfo.InvariantCulture, $"{bootSeconds,7:F1} s  QEMU ended ({guests.Count} guests)\n");
        if (!run.Completed)
        {
            throw new InvalidOperationException(
                $"the Xen rig did not complete (timed out: {run.TimedOut}): {string.Join("; ", run.Errors)}\n{timeline}");
        }
        return new Result(outcomes.ToDictionary(o => o.Name), new RigTiming(buildSeconds, bootSeconds, (started, DateTime.UtcNow), timeline.ToString()));
    }
}
