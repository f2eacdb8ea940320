using Sharprun.Vfs.Files;

namespace Sharprun.Vfs.Pal.Native;

/// <summary>The PAL's open flags (pal_io.h PAL_O_*, what CoreLib passes), and their Linux values.</summary>
internal static class PalOpenFlags
{
    private const int AccessModeMask = 0x000F;
    private const int CloseOnExec = 0x0010;
    private const int Create = 0x0020;
    private const int Exclusive = 0x0040;
    private const int Truncate = 0x0080;
    private const int Sync = 0x0100;
    private const int NoFollow = 0x0200;
    private const int Known = AccessModeMask | CloseOnExec | Create | Exclusive | Truncate | Sync | NoFollow;

    /// <summary>The Linux open flags for <paramref name="palFlags"/>; false for bits or access modes the PAL does not define.</summary>
    public static bool TryToLinux(int palFlags, out int linuxFlags)
    {
        linuxFlags = 0;
        int access = palFlags & AccessModeMask;
        if ((palFlags & ~Known) != 0 || access > OpenFlags.ReadWrite)
            return false;
        linuxFlags = access;
        if ((palFlags & CloseOnExec) != 0)
            linuxFlags |= OpenFlags.CloseOnExec;
        if ((palFlags & Create) != 0)
            linuxFlags |= OpenFlags.Create;
        if ((palFlags & Exclusive) != 0)
            linuxFlags |= OpenFlags.Exclusive;
        if ((palFlags & Truncate) != 0)
            linuxFlags |= OpenFlags.Truncate;
        if ((palFlags & NoFollow) != 0)
            linuxFlags |= OpenFlags.NoFollow;
        // O_SYNC needs nothing: tmpfs writes are done when write returns.
        return true;
    }
}
