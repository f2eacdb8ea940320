namespace Sharprun.Vfs.Pal.Native;

/// <summary>pal_io.h DirectoryEntry: the name (not NUL-terminated when the length is given), its length, the DT_* type.</summary>
public unsafe struct DirectoryEntryRecord
{
    public byte* Name;
    public int NameLength;
    public int InodeType;
}
