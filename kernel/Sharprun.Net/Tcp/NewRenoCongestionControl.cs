namespace Sharprun.Net.Tcp;

/// <summary>
/// Congestion window per RFC 5681 with NewReno fast recovery (RFC 6582), or SACK-based recovery (RFC 6675) when
/// the peer SACKs: slow start, congestion avoidance by byte counting, halving on loss, one segment after a timeout.
/// The initial window is ten segments (RFC 6928, as Linux).
/// </summary>
internal sealed class NewRenoCongestionControl
{
    /// <summary>The largest window TCP can use (RFC 7323: 2^30); an application-limited flow stops growing there.</summary>
    private const uint MaximumWindow = 1u << 30;

    private uint _avoidanceCredit;

    private int _mss;

    public NewRenoCongestionControl(int mss, uint initialSequence)
    {
        _mss = mss;
        Window = (uint)(10 * mss);
        Recover = initialSequence;
    }

    public uint Window { get; private set; }

    public uint SlowStartThreshold { get; private set; } = uint.MaxValue;

    public bool InRecovery { get; private set; }

    /// <summary>The highest sequence sent when recovery began: recovery ends once it is acknowledged.</summary>
    public uint Recover { get; private set; }

    public void SetMss(int mss)
    {
        _mss = mss;
        Window = Math.Max(Window, (uint)mss);
    }

    /// <summary>New data was acknowledged outside recovery.</summary>
    public void OnAcknowledged(uint acked)
    {
        if (Window < SlowStartThreshold)
        {
            // RFC 3465 limit L = 2 segments per ACK.
            Window = Math.Min(MaximumWindow, Window + Math.Min(acked, (uint)(2 * _mss)));
            return;
        }
        _avoidanceCredit += acked;
        if (_avoidanceCredit >= Window)
        {
            _avoidanceCredit -= Window;
            Window = Math.Min(MaximumWindow, Window + (uint)_mss);
        }
    }

    /// <summary>
    /// Loss detected: enters fast recovery. NewReno (RFC 6582 §3.2 step 2) inflates the window by the three
    /// segments the duplicate ACKs reported; with SACK the window is the threshold and the pipe estimate does the
    /// counting (RFC 6675 §5).
    /// </summary>
    public void EnterRecovery(uint flight, uint highestSent, bool sack)
    {
        SlowStartThreshold = Math.Max(flight / 2, (uint)(2 * _mss));
        Window = SlowStartThreshold + (sack ? 0u : (uint)(3 * _mss));
        Recover = highestSent;
        InRecovery = true;
        _avoidanceCredit = 0;
    }

    /// <summary>Another duplicate ACK in recovery: a segment left the network.</summary>
    public void OnDuplicateInRecovery() => Window = Math.Min(MaximumWindow, Window + (uint)_mss);

    /// <summary>A partial ACK (RFC 6582 §3.2 step 5): deflate by what it acknowledged, add back one segment.</summary>
    public void OnPartialAcknowledgment(uint acked)
    {
        Window = Window > acked ? Window - acked : 0;
        Window = Math.Max(Window + (uint)_mss, (uint)_mss);
    }

    /// <summary>A full ACK ends recovery (RFC 6582 §3.2 step 3, option 1).</summary>
    public void ExitRecovery(uint flight)
    {
        Window = Math.Max(Math.Min(SlowStartThreshold, flight + (uint)_mss), (uint)_mss);
        InRecovery = false;
    }

    /// <summary>After a timeout, duplicate ACKs for data sent before it start no fast recovery (RFC 6582 §3.2 step 4).</summary>
    public void MarkRecoverPoint(uint highestSent) => Recover = highestSent;

    /// <summary>RFC 5681 §4.1 (Linux's tcp_slow_start_after_idle): after an idle RTO the window is back to the initial one.</summary>
    public void RestartAfterIdle() => Window = Math.Min(Window, (uint)(10 * _mss));

    /// <summary>A retransmission timeout: one segment, threshold half the flight (RFC 5681 §3.1).</summary>
    public void OnTimeout(uint flight)
    {
        SlowStartThreshold = Math.Max(flight / 2, (uint)(2 * _mss));
        Window = (uint)_mss;
        InRecovery = false;
        _avoidanceCredit = 0;
    }
}
