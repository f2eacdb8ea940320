namespace Sharprun.Net.Icmp;

/// <summary>
/// A token bucket for ICMP error messages (RFC 1812 §4.3.2.8, RFC 4443 §2.4 f): a burst of <see cref="Burst"/>, then
/// one per <see cref="RefillNanoseconds"/>, so a flood to a closed port cannot turn the host into an amplifier.
/// </summary>
internal sealed class IcmpErrorLimiter
{
    public const int Burst = 10;
    public const ulong RefillNanoseconds = 10_000_000;

    private int _tokens = Burst;
    private ulong _refilledAt;

    public bool TryTake(ulong now)
    {
        if (now > _refilledAt)
        {
            ulong earned = (now - _refilledAt) / RefillNanoseconds;
            if (earned > 0)
            {
                _tokens = (int)Math.Min(Burst, _tokens + (long)Math.Min(earned, Burst));
                _refilledAt += earned * RefillNanoseconds;
            }
        }
        if (_tokens == 0)
            return false;
        _tokens--;
        return true;
    }
}
