using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// The standard .eh_frame_hdr: version 1, eh_frame_ptr (pcrel|sdata4), fde_count (udata4), then a table of
/// (initial location, FDE address) pairs as datarel|sdata4 (relative to the start of the header), sorted by
/// initial location so an unwinder can binary-search the FDE covering an instruction pointer.
/// </summary>
internal static class EhFrameHeader
{
    private const byte PcRelativeSdata4 = 0x1b;
    private const byte Udata4 = 0x03;
    private const byte DataRelativeSdata4 = 0x3b;
    private const int FixedSize = 12;
    private const int EntrySize = 8;

    public static int SizeFor(int fdeCount) => FixedSize + EntrySize * fdeCount;

    public static void Write(Span<byte> target, ulong headerAddress, ulong ehFrameAddress, List<(ulong InitialLocation, ulong Fde)> fdes)
    {
        target[0] = 1;
        target[1] = PcRelativeSdata4;
        target[2] = Udata4;
        target[3] = DataRelativeSdata4;
        BinaryPrimitives.WriteInt32LittleEndian(target.Slice(4), Relative(ehFrameAddress, headerAddress + 4, "eh_frame_ptr"));
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(8), (uint)fdes.Count);
        var keys = new ulong[fdes.Count];
        var entries = fdes.ToArray();
        for (int i = 0; i < keys.Length; i++)
            keys[i] = entries[i].InitialLocation;
        Array.Sort(keys, entries);
        for (int i = 0; i < entries.Length; i++)
        {
            var entry = target.Slice(FixedSize + i * EntrySize);
            BinaryPrimitives.WriteInt32LittleEndian(entry, Relative(entries[i].InitialLocation, headerAddress, "FDE initial location"));
            BinaryPrimitives.WriteInt32LittleEndian(entry.Slice(4), Relative(entries[i].Fde, headerAddress, "FDE address"));
        }
    }

    private static int Relative(ulong value, ulong origin, string what)
    {
        long delta = (long)(value - origin);
        if (delta is < int.MinValue or > int.MaxValue)
            throw new LinkException($".eh_frame_hdr: {what} 0x{value:x} is too far from the header at 0x{origin:x}");
        return (int)delta;
    }
}
