namespace Sharprun.Net.Addressing;

/// <summary>An address and a port (host order).</summary>
public readonly record struct IpEndpoint(IpAddress Address, ushort Port)
{
    public override string ToString() => Address.IsV4 ? $"{Address}:{Port}" : $"[{Address}]:{Port}";
}
