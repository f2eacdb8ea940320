using Sharprun.Net.Addressing;

namespace Sharprun.Net.Dns;

/// <summary>One question of a lookup (A or AAAA) with its own ID, and its outcome once answered.</summary>
internal sealed class DnsQuestion(ushort type, ushort id)
{
    public ushort Type { get; } = type;

    public ushort Id { get; set; } = id;

    public bool Answered { get; set; }

    public DnsError Error { get; set; }

    public List<IpAddress> Addresses { get; } = [];
}
