namespace Sharprun.Net.Links;

/// <summary>A 48-bit Ethernet address, kept in a ulong (the first octet in the most significant of the low 48 bits).</summary>
public readonly record struct MacAddress(ulong Value)
{
    public static MacAddress Broadcast => new(0xFFFF_FFFF_FFFFUL);

    public static MacAddress Read(ReadOnlySpan<byte> octets)
    {
        ulong value = 0;
        for (int i = 0; i < 6; i++)
            value = (value << 8) | octets[i];
        return new MacAddress(value);
    }

    public void Write(Span<byte> octets)
    {
        for (int i = 0; i < 6; i++)
            octets[i] = (byte)(Value >> (8 * (5 - i)));
    }

    public bool IsMulticast => ((Value >> 40) & 1) != 0;

    public override string ToString()
    {
        Span<byte> octets = stackalloc byte[6];
        Write(octets);
        return string.Join(':', octets.ToArray().Select(octet => octet.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
