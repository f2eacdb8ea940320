using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Vfs.Pal.Baked;

/// <summary>
/// The archive of baked files the toolchain links into images that carry the file PAL: a read-only section at the
/// symbol <c>sharprun_baked_files</c> holding the archive's length (8 bytes, little-endian) and then the archive (cpio
/// "newc"). Images without the file PAL have neither the section nor this code.
/// </summary>
internal static unsafe class EmbeddedArchive
{
    public static ReadOnlyMemory<byte> Bytes
    {
        get
        {
            byte* section = Section();
            ulong length = *(ulong*)section;
            // The toolchain refuses archives of 2 GiB or more; a larger figure is damage, and reads as no archive.
            return length > int.MaxValue ? ReadOnlyMemory<byte>.Empty : new ImageMemory(section + sizeof(ulong), (int)length).Memory;
        }
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_baked_files")]
    private static extern byte* Section();
}
