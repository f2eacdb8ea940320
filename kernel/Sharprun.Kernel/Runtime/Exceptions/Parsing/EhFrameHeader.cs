using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The .eh_frame_hdr search table: version 1, the encoded address of .eh_frame, the FDE count, then
/// FDE count pairs (initial location, FDE address) sorted by initial location. Only the
/// datarel|sdata4 table encoding is searchable (fixed-size entries), which is what linkers write.
/// </summary>
public readonly unsafe struct EhFrameHeader
{
    private const byte SearchTableEncoding = DwarfPointerEncoding.DataRelative | DwarfPointerEncoding.SData4;
    private const int EntrySize = 8;

    private readonly byte* _start;
    private readonly byte* _table;

    private EhFrameHeader(byte* start, byte* table, ulong ehFrame, uint fdeCount)
    {
        _start = start;
        _table = table;
        EhFrame = ehFrame;
        FdeCount = fdeCount;
    }

    /// <summary>Address of .eh_frame as the header records it.</summary>
    public ulong EhFrame { get; }

    public uint FdeCount { get; }

    /// <summary>Validates the header at <paramref name="start"/>, which with its table must end by <paramref name="limit"/>.</summary>
    public static UnwindDataError TryOpen(byte* start, byte* limit, out EhFrameHeader header)
    {
        header = default;
        var reader = new BoundedReader(start, limit);
        if (!reader.TryReadByte(out byte version) || !reader.TryReadByte(out byte ehFramePointerEncoding)
            || !reader.TryReadByte(out byte fdeCountEncoding) || !reader.TryReadByte(out byte tableEncoding))
            return UnwindDataError.Truncated;
        if (version != 1)
            return UnwindDataError.UnsupportedVersion;
        if (ehFramePointerEncoding == DwarfPointerEncoding.Omit || fdeCountEncoding == DwarfPointerEncoding.Omit
            || tableEncoding != SearchTableEncoding)
            return UnwindDataError.UnsupportedEncoding;
        if (!DwarfPointerEncoding.IsSupported(ehFramePointerEncoding) || !DwarfPointerEncoding.IsSupported(fdeCountEncoding))
            return UnwindDataError.UnsupportedEncoding;
        if (!DwarfPointerEncoding.TryRead(ref reader, ehFramePointerEncoding, (ulong)start, out ulong ehFrame)
            || !DwarfPointerEncoding.TryRead(ref reader, fdeCountEncoding, (ulong)start, out ulong count))
            return UnwindDataError.Truncated;
        if (count > uint.MaxValue || (ulong)reader.Remaining / EntrySize < count)
            return UnwindDataError.Truncated;
        header = new EhFrameHeader(start, reader.Cursor, ehFrame, (uint)count);
        return UnwindDataError.None;
    }

    /// <summary>
    /// The FDE whose initial location is the greatest one not above <paramref name="pc"/>; the caller must
    /// still check that the FDE's range covers <paramref name="pc"/>.
    /// </summary>
    public bool TryFindFde(ulong pc, out byte* fde)
    {
        fde = null;
        if (FdeCount == 0 || pc < InitialLocation(0))
            return false;
        uint low = 0, high = FdeCount - 1;
        while (low < high)
        {
            uint middle = low + (high - low + 1) / 2;
            if (InitialLocation(middle) <= pc)
                low = middle;
            else
                high = middle - 1;
        }
        fde = (byte*)((ulong)_start + (ulong)(long)Unsafe.ReadUnaligned<int>(_table + (nuint)low * EntrySize + 4));
        return true;
    }

    private ulong InitialLocation(uint index) =>
        (ulong)_start + (ulong)(long)Unsafe.ReadUnaligned<int>(_table + (nuint)index * EntrySize);
}
