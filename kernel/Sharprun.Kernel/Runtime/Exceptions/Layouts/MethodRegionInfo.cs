namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// CoreLib's EH.MethodRegionInfo (32 bytes). ILC on linux-x64 emits no cold regions, so only the hot
/// start (the method start) is ever non-zero.
/// </summary>
public unsafe struct MethodRegionInfo
{
    public byte* HotStartAddress;
    public nuint HotSize;
    public byte* ColdStartAddress;
    public nuint ColdSize;
}
