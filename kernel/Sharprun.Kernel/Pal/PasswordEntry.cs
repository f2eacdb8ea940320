using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Pal;

/// <summary>A user database entry (pal_uid.h Passwd, CoreLib's Interop.Sys.Passwd); the strings live in the caller's buffer.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct PasswordEntry
{
    public byte* Name;
    public byte* Password;
    public uint UserId;
    public uint GroupId;
    public byte* UserInfo;
    public byte* HomeDirectory;
    public byte* Shell;
}
