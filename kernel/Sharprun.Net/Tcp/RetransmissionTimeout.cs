namespace Sharprun.Net.Tcp;

/// <summary>The RTO of RFC 6298: SRTT and RTTVAR from samples, clamped, doubled per backoff. Times in nanoseconds.</summary>
internal sealed class RetransmissionTimeout
{
    private const ulong ClockGranularity = 1_000_000;

    private readonly ulong _minimum;
    private readonly ulong _maximum;
    private ulong _base;

    public RetransmissionTimeout(TcpOptions options)
    {
        _minimum = (ulong)options.MinimumRetransmissionTimeout.Ticks * 100;
        _maximum = (ulong)options.MaximumRetransmissionTimeout.Ticks * 100;
        _base = (ulong)options.InitialRetransmissionTimeout.Ticks * 100;
    }

    public ulong SmoothedRtt { get; private set; }

    public ulong RttVariation { get; private set; }

    public bool HasSample => SmoothedRtt != 0;

    /// <summary>Consecutive expiries without progress.</summary>
    public int Backoffs { get; private set; }

    /// <summary>The current timeout, backoff included.</summary>
    public ulong Current => Math.Min(_maximum, Backoffs >= 30 ? _maximum : _base << Backoffs);

    public void AddSample(ulong rtt)
    {
        rtt = Math.Max(rtt, 1);
        if (!HasSample)
        {
            SmoothedRtt = rtt;
            RttVariation = rtt / 2;
        }
        else
        {
            ulong delta = SmoothedRtt > rtt ? SmoothedRtt - rtt : rtt - SmoothedRtt;
            RttVariation = (3 * RttVariation + delta) / 4;
            SmoothedRtt = (7 * SmoothedRtt + rtt) / 8;
        }
        _base = Math.Clamp(SmoothedRtt + Math.Max(ClockGranularity, 4 * RttVariation), _minimum, _maximum);
    }

    public void Backoff() => Backoffs++;

    /// <summary>New data was acknowledged: the backed-off timer is restored (RFC 6298 §5.7 keeps the backoff until then).</summary>
    public void ResetBackoff() => Backoffs = 0;
}
