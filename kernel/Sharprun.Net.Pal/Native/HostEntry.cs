namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h HostEntry, filled by GetHostEntryForName and freed by FreeHostEntry.</summary>
internal unsafe struct HostEntry
{
    public byte* CanonicalName;
    public byte** Aliases;
    public PalIPAddress* IPAddressList;
    public int IPAddressCount;
}
