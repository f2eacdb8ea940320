namespace Sharprun.Net.Tcp;

/// <summary>Comparisons of 32-bit sequence numbers modulo 2^32 (RFC 9293 §3.4).</summary>
internal static class SequenceNumber
{
    public static bool Less(uint a, uint b) => (int)(a - b) < 0;

    public static bool LessOrEqual(uint a, uint b) => (int)(a - b) <= 0;

    public static bool Greater(uint a, uint b) => (int)(a - b) > 0;

    public static bool GreaterOrEqual(uint a, uint b) => (int)(a - b) >= 0;

    /// <summary>start &lt;= value &lt; start + length.</summary>
    public static bool InWindow(uint value, uint start, uint length) => value - start < length;

    public static uint Max(uint a, uint b) => Greater(a, b) ? a : b;

    public static uint Min(uint a, uint b) => Less(a, b) ? a : b;
}
