namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// DW_EH_PE pointer encodings as .eh_frame and .eh_frame_hdr use them. Supported: the fixed-size and
/// LEB128 value formats, applied absolutely, PC-relative or data-relative. Indirect, text-, function-
/// relative and aligned encodings are rejected (neither ILC nor our linker produces them).
/// </summary>
public static unsafe class DwarfPointerEncoding
{
    public const byte Omit = 0xFF;
    public const byte AbsolutePointer = 0x00;
    public const byte Uleb128 = 0x01;
    public const byte UData2 = 0x02;
    public const byte UData4 = 0x03;
    public const byte UData8 = 0x04;
    public const byte Sleb128 = 0x09;
    public const byte SData2 = 0x0A;
    public const byte SData4 = 0x0B;
    public const byte SData8 = 0x0C;
    public const byte PcRelative = 0x10;
    public const byte DataRelative = 0x30;

    private const byte FormatMask = 0x0F;
    private const byte ApplicationMask = 0x70;
    private const byte Indirect = 0x80;

    /// <summary>True for the encodings <see cref="TryRead"/> accepts.</summary>
    public static bool IsSupported(byte encoding)
    {
        if ((encoding & Indirect) != 0)
            return false;
        byte application = (byte)(encoding & ApplicationMask);
        if (application != 0 && application != PcRelative && application != DataRelative)
            return false;
        return (encoding & FormatMask) switch
        {
            AbsolutePointer or Uleb128 or UData2 or UData4 or UData8 or Sleb128 or SData2 or SData4 or SData8 => true,
            _ => false,
        };
    }

    /// <summary>
    /// Reads one encoded pointer. PC-relative values are relative to the address of the field itself,
    /// data-relative ones to <paramref name="dataBase"/>. Arithmetic wraps like the hardware's.
    /// </summary>
    public static bool TryRead(ref BoundedReader reader, byte encoding, ulong dataBase, out ulong value)
    {
        value = 0;
        if (!IsSupported(encoding))
            return false;
        byte* field = reader.Cursor;
        BoundedReader probe = reader;
        ulong raw;
        switch (encoding & FormatMask)
        {
            case AbsolutePointer:
            case UData8:
                if (!probe.TryReadUInt64(out raw))
                    return false;
                break;
            case Uleb128:
                if (!probe.TryReadUleb128(out raw))
                    return false;
                break;
            case UData2:
                if (!probe.TryReadUInt16(out ushort u16))
                    return false;
                raw = u16;
                break;
            case UData4:
                if (!probe.TryReadUInt32(out uint u32))
                    return false;
                raw = u32;
                break;
            case Sleb128:
                if (!probe.TryReadSleb128(out long s))
                    return false;
                raw = (ulong)s;
                break;
            case SData2:
                if (!probe.TryReadInt16(out short s16))
                    return false;
                raw = (ulong)(long)s16;
                break;
            case SData4:
                if (!probe.TryReadInt32(out int s32))
                    return false;
                raw = (ulong)(long)s32;
                break;
            default:
                if (!probe.TryReadInt64(out long s64))
                    return false;
                raw = (ulong)s64;
                break;
        }
        switch (encoding & ApplicationMask)
        {
            case PcRelative:
                raw += (ulong)field;
                break;
            case DataRelative:
                raw += dataBase;
                break;
        }
        reader = probe;
        value = raw;
        return true;
    }
}
