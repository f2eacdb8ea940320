namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h IPAddress: 16 address bytes, IsIPv6, ScopeId; 24 bytes.</summary>
internal unsafe struct PalIPAddress
{
    public fixed byte Address[16];
    public uint IsIPv6;
    public uint ScopeId;
}
