namespace Sharprun.Vfs.Pal.Native;

/// <summary>pal_mount.h's MountPointInformation: statfs's figures in bytes.</summary>
public struct MountPointInformation
{
    public ulong AvailableFreeSpace;
    public ulong TotalFreeSpace;
    public ulong TotalSize;
}
