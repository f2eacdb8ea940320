using System;
using System.Buffers.Binary;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The multiboot2 header (multiboot2 spec §3.1): magic, architecture 0 (i386 protected mode), length,
/// checksum, an entry-address tag (type 3) and the end tag. No address tag: for an ELF image the boot
/// loader loads the program headers itself.
/// </summary>
internal static class Multiboot2Header
{
    public const uint Magic = 0xE85250D6;
    public const int Size = 40;
    /// <summary>The header must lie within the first 32 KiB of the file, 8-byte aligned.</summary>
    public const int SearchLimit = 32 * 1024;

    public static void Write(Span<byte> target, uint entryAddress)
    {
        target = target.Slice(0, Size);
        target.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(target, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(4), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(8), Size);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(12), unchecked(0u - (Magic + 0u + Size)));
        // Entry address tag: type 3, flags 0, size 12, then padding to the next 8-byte boundary.
        BinaryPrimitives.WriteUInt16LittleEndian(target.Slice(16), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(20), 12);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(24), entryAddress);
        // End tag: type 0, flags 0, size 8.
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(36), 8);
    }
}
