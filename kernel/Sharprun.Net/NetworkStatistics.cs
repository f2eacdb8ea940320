namespace Sharprun.Net;

/// <summary>Counters of the stack: frames in and out, and every drop by reason.</summary>
public sealed class NetworkStatistics
{
    private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];

    public long FramesReceived { get; internal set; }

    public long FramesTransmitted { get; internal set; }

    public long this[DropReason reason] => _dropped[(int)reason];

    public long TotalDropped
    {
        get
        {
            long total = 0;
            foreach (long count in _dropped)
                total += count;
            return total;
        }
    }

    internal void Drop(DropReason reason) => _dropped[(int)reason]++;

    public override string ToString() => string.Join(", ",
        Enum.GetValues<DropReason>().Where(reason => this[reason] != 0).Select(reason => $"{reason}={this[reason]}"));
}
