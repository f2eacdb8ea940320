using System;
using System.Buffers.Binary;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The ELF note that makes the image bootable as PVH (QEMU -kernel, Xen): owner "Xen", type
/// XEN_ELFNOTE_PHYS32_ENTRY, a 4-byte 32-bit entry address. Its PT_NOTE must have p_align 4,
/// because QEMU finds the descriptor by aligning the name size to p_align.
/// </summary>
internal static class XenPvhNote
{
    public const uint Phys32EntryType = 18;
    public const int Size = 20;

    public static void Write(Span<byte> target, uint entryAddress)
    {
        target = target.Slice(0, Size);
        BinaryPrimitives.WriteUInt32LittleEndian(target, 4);       // namesz: "Xen\0"
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(4), 4);   // descsz
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(8), Phys32EntryType);
        target[12] = (byte)'X';
        target[13] = (byte)'e';
        target[14] = (byte)'n';
        target[15] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(16), entryAddress);
    }
}
