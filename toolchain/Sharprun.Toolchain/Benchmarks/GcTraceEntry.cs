using System.Globalization;
using System.Text.RegularExpressions;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// One line of the kernel's collection trace (kernel option gc.trace, <c>run --gc-trace</c>), as
/// kernel/Sharprun.Kernel/Gc/Collector.cs writes it:
/// <c>gc: #N allocation|requested: heap A KiB -> B KiB (live C KiB), pause D us, E finalizers queued</c>.
/// </summary>
public sealed partial record GcTraceEntry(
    int Number,
    bool Requested,
    ulong HeapBeforeKiB,
    ulong HeapAfterKiB,
    ulong LiveKiB,
    ulong PauseMicroseconds,
    ulong FinalizersQueued)
{
    public const string Prefix = "gc: #";

    [GeneratedRegex(@"^gc: #(\d{1,10}) (allocation|requested): heap (\d{1,20}) KiB -> (\d{1,20}) KiB \(live (\d{1,20}) KiB\), pause (\d{1,20}) us, (\d{1,20}) finalizers queued$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Line();

    public double PauseMilliseconds => PauseMicroseconds / 1000.0;

    /// <summary>Parses one trace line; anything else, numbers out of range included, is a <see cref="ToolchainException"/>.</summary>
    public static GcTraceEntry Parse(string line)
    {
        var match = Line().Match(line);
        if (!match.Success)
            throw Malformed(line, "it does not have the trace's format");
        if (!int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
            throw Malformed(line, "the collection number is not from 1 to 2147483647");
        var values = new ulong[5];
        for (int i = 0; i < values.Length; i++)
        {
            if (!ulong.TryParse(match.Groups[i + 3].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
                throw Malformed(line, "a number does not fit in 64 bits");
        }
        return new GcTraceEntry(number, match.Groups[2].Value == "requested", values[0], values[1], values[2], values[3], values[4]);
    }

    private static ToolchainException Malformed(string line, string why) =>
        new($"malformed GC trace line '{PrintableText.Of(line)}': {why}");
}
