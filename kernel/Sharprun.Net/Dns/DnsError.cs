namespace Sharprun.Net.Dns;

/// <summary>How a lookup ended; the PAL maps these onto getaddrinfo's EAI_* codes.</summary>
public enum DnsError
{
    None,
    /// <summary>The name does not exist (NXDOMAIN): EAI_NONAME.</summary>
    NameNotFound,
    /// <summary>The name exists but has no address of the family asked: EAI_NODATA.</summary>
    NoData,
    /// <summary>No server answered in time: EAI_AGAIN.</summary>
    TimedOut,
    /// <summary>The servers failed or refused (SERVFAIL, REFUSED, a truncated answer with no TCP to retry): EAI_AGAIN / EAI_FAIL.</summary>
    ServerFailure,
    /// <summary>No DNS server is configured: EAI_AGAIN.</summary>
    NoServers,
    /// <summary>Not a valid host name: EAI_NONAME.</summary>
    InvalidName,
    /// <summary>Cancelled by the caller.</summary>
    Cancelled,
}
