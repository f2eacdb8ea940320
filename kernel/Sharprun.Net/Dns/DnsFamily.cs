namespace Sharprun.Net.Dns;

/// <summary>Which addresses a lookup wants (getaddrinfo's ai_family): A, AAAA, or both.</summary>
public enum DnsFamily
{
    Any,
    V4,
    V6,
}
