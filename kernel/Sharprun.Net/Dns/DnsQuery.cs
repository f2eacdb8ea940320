using Sharprun.Net.Addressing;
using Sharprun.Net.Udp;

namespace Sharprun.Net.Dns;

/// <summary>
/// One lookup in progress (or done): the PAL begins it, then waits on the stack's lock until <see cref="IsComplete"/>.
/// Read with the lock held.
/// </summary>
public sealed class DnsQuery
{
    internal DnsQuery(string name, DnsFamily family)
    {
        Name = name;
        Family = family;
        CanonicalName = name.TrimEnd('.');
    }

    public string Name { get; }

    public DnsFamily Family { get; }

    public bool IsComplete { get; private set; }

    /// <summary>IPv4 addresses first, then IPv6; empty unless <see cref="Error"/> is <see cref="DnsError.None"/>.</summary>
    public IReadOnlyList<IpAddress> Addresses { get; private set; } = [];

    public DnsError Error { get; private set; }

    /// <summary>The name at the end of the CNAME chain (ai_canonname).</summary>
    public string CanonicalName { get; internal set; }

    /// <summary>Gives up the lookup; it completes with <see cref="DnsError.Cancelled"/> unless already complete.</summary>
    public void Cancel() => Resolver?.Cancel(this);

    internal DnsResolver? Resolver { get; set; }

    internal UdpSocket? Socket { get; set; }

    internal IReadOnlyList<IpAddress> Servers { get; set; } = [];

    internal int Attempt { get; set; }

    internal ulong Deadline { get; set; }

    /// <summary>The questions asked (A, AAAA or both) and what each got.</summary>
    internal List<DnsQuestion> Questions { get; } = [];

    internal void Complete(IReadOnlyList<IpAddress> addresses, DnsError error)
    {
        IsComplete = true;
        Addresses = error == DnsError.None ? addresses : [];
        Error = error;
    }
}
