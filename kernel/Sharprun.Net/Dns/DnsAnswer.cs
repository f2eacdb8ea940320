namespace Sharprun.Net.Dns;

/// <summary>What one DNS response said about one question.</summary>
internal enum DnsAnswer
{
    Addresses,
    NameError,
    ServerFailure,
    Truncated,
    /// <summary>Not a response to our question (wrong ID, question or flags): ignored, the wait goes on.</summary>
    Mismatch,
    Malformed,
}
