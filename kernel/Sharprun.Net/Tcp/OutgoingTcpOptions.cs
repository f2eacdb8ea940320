namespace Sharprun.Net.Tcp;

/// <summary>The options an outgoing header carries.</summary>
internal ref struct OutgoingTcpOptions
{
    /// <summary>0 for none (only on SYN).</summary>
    public ushort MaximumSegmentSize;
    /// <summary>-1 for none (only on SYN).</summary>
    public int WindowScale;
    public bool SackPermitted;
    public bool Timestamps;
    public uint TimestampValue;
    public uint TimestampEcho;
    /// <summary>Left and right edges, two per block, at most 4 blocks (3 with timestamps).</summary>
    public ReadOnlySpan<uint> SackEdges;

    public static OutgoingTcpOptions None => new() { WindowScale = -1 };
}
