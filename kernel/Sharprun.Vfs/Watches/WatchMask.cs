using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Watches;

/// <summary>inotify(7)'s event and flag bits, with Linux's values (the PAL passes masks through unchanged).</summary>
public static class WatchMask
{
    public const uint Access = 0x1;
    public const uint Modify = 0x2;
    public const uint Attributes = 0x4;
    public const uint CloseWrite = 0x8;
    public const uint CloseNoWrite = 0x10;
    public const uint Open = 0x20;
    public const uint MovedFrom = 0x40;
    public const uint MovedTo = 0x80;
    public const uint Create = 0x100;
    public const uint Delete = 0x200;
    public const uint DeleteSelf = 0x400;
    public const uint MoveSelf = 0x800;

    /// <summary>IN_ALL_EVENTS: every event a watch can ask for.</summary>
    public const uint AllEvents = 0xFFF;

    public const uint Unmount = 0x2000;
    public const uint QueueOverflow = 0x4000;
    public const uint Ignored = 0x8000;

    public const uint OnlyDirectory = 0x0100_0000;
    public const uint DontFollow = 0x0200_0000;
    public const uint ExcludeUnlinked = 0x0400_0000;
    public const uint MaskCreate = 0x1000_0000;
    public const uint MaskAdd = 0x2000_0000;
    public const uint IsDirectory = 0x4000_0000;
    public const uint OneShot = 0x8000_0000;

    /// <summary>ALL_INOTIFY_BITS: inotify_add_watch refuses a mask with none of these (EINVAL), and ignores other bits.</summary>
    public const uint Known = AllEvents | Unmount | QueueOverflow | Ignored | OnlyDirectory | DontFollow | ExcludeUnlinked
        | MaskCreate | MaskAdd | IsDirectory | OneShot;

    /// <summary>What a watch keeps of the mask it was given: its events and the flags that act after it is added.</summary>
    public const uint Kept = AllEvents | ExcludeUnlinked | OneShot;

    /// <summary>
    /// What Linux's notify_change reports for a set of changes: IN_ATTRIB for mode and owner and for both times at
    /// once (utimes), IN_MODIFY for a size or the modification time alone, IN_ACCESS for the access time alone.
    /// </summary>
    public static uint ForChanges(in AttributeChanges changes)
    {
        uint mask = 0;
        if (changes.Permissions is not null || changes.UserId is not null || changes.GroupId is not null)
            mask |= Attributes;
        if (changes.Size is not null)
            mask |= Modify;
        if (changes.AccessTime is not null && changes.ModifyTime is not null)
            mask |= Attributes;
        else if (changes.AccessTime is not null)
            mask |= Access;
        else if (changes.ModifyTime is not null)
            mask |= Modify;
        return mask;
    }
}
