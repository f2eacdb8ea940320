using System;
using System.Buffers.Binary;
using System.IO;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// How far into guest memory an image reaches once loaded: the highest end (physical address plus memory size) of
/// its PT_LOAD program headers. A guest given less RAM than that cannot even start (the loader has nowhere to put
/// the image, and what runs is not the image), so <c>run</c> says so instead of booting it. Every offset is checked:
/// the image is outside input.
/// </summary>
public static class ImageExtent
{
    private const uint LoadSegment = 1;

    public static ulong Read(string image)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(image);
        }
        catch (IOException e)
        {
            throw new ToolchainException($"cannot read the image {image}: {e.Message}");
        }
        return Parse(file, image);
    }

    public static ulong Parse(ReadOnlySpan<byte> file, string image)
    {
        if (file.Length < 64 || file[0] != 0x7F || file[1] != 'E' || file[2] != 'L' || file[3] != 'F' || file[4] != 2 || file[5] != 1)
            throw new ToolchainException($"{image} is not a little-endian ELF64 image");
        ulong table = BinaryPrimitives.ReadUInt64LittleEndian(file.Slice(0x20));
        ushort entrySize = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(0x36));
        ushort count = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(0x38));
        if (count == 0)
            throw new ToolchainException($"{image} has no program headers: it is not a bootable image");
        if (entrySize < 56 || table > (ulong)file.Length || (ulong)count * entrySize > (ulong)file.Length - table)
            throw new ToolchainException($"{image}: the ELF program header table is malformed");
        ulong end = 0;
        for (int i = 0; i < count; i++)
        {
            var header = file.Slice((int)table + i * entrySize, entrySize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LoadSegment)
                continue;
            ulong address = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(0x18));
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(0x28));
            if (address + size < address)
                throw new ToolchainException($"{image}: ELF program header {i} wraps around the address space");
            end = Math.Max(end, address + size);
        }
        return end;
    }
}
