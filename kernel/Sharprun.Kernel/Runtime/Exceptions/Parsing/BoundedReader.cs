using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// A forward cursor over [Cursor, End) that refuses to read past End: every read reports success, and a
/// failed read leaves the cursor where it was.
/// </summary>
public unsafe struct BoundedReader
{
    public byte* Cursor;
    public byte* End;

    public BoundedReader(byte* start, byte* end)
    {
        Cursor = start;
        End = end < start ? start : end;
    }

    public readonly nuint Remaining => (nuint)(End - Cursor);

    public readonly bool AtEnd => Cursor >= End;

    public bool TrySkip(nuint count)
    {
        if (count > Remaining)
            return false;
        Cursor += count;
        return true;
    }

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }
        value = *Cursor++;
        return true;
    }

    public bool TryReadUInt16(out ushort value) => TryRead(out value);

    public bool TryReadInt16(out short value) => TryRead(out value);

    public bool TryReadUInt32(out uint value) => TryRead(out value);

    public bool TryReadInt32(out int value) => TryRead(out value);

    public bool TryReadUInt64(out ulong value) => TryRead(out value);

    public bool TryReadInt64(out long value) => TryRead(out value);

    /// <summary>DWARF unsigned LEB128; values that do not fit 64 bits are rejected.</summary>
    public bool TryReadUleb128(out ulong value)
    {
        value = 0;
        byte* p = Cursor;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (p >= End)
                return false;
            byte b = *p++;
            ulong bits = (ulong)(b & 0x7F);
            if (shift == 63 && bits > 1)
                return false;
            value |= bits << shift;
            if ((b & 0x80) == 0)
            {
                Cursor = p;
                return true;
            }
        }
        value = 0;
        return false;
    }

    /// <summary>DWARF signed LEB128; values that do not fit 64 bits are rejected.</summary>
    public bool TryReadSleb128(out long value)
    {
        value = 0;
        byte* p = Cursor;
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (p >= End)
                return false;
            byte b = *p++;
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (shift + 7 < 64 && (b & 0x40) != 0)
                    result |= -1L << (shift + 7);
                value = result;
                Cursor = p;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The .NET native-format compressed unsigned integer ILC writes into EH info: the number of trailing
    /// one bits in the first byte (0–3) says how many more bytes follow; 0x0F means a plain uint32 follows.
    /// </summary>
    public bool TryReadNativeUnsigned(out uint value)
    {
        value = 0;
        if (Remaining < 1)
            return false;
        uint b0 = Cursor[0];
        int length;
        uint result;
        if ((b0 & 1) == 0)
        {
            length = 1;
            result = b0 >> 1;
        }
        else if ((b0 & 2) == 0)
        {
            length = 2;
            if (Remaining < 2)
                return false;
            result = (b0 >> 2) | ((uint)Cursor[1] << 6);
        }
        else if ((b0 & 4) == 0)
        {
            length = 3;
            if (Remaining < 3)
                return false;
            result = (b0 >> 3) | ((uint)Cursor[1] << 5) | ((uint)Cursor[2] << 13);
        }
        else if ((b0 & 8) == 0)
        {
            length = 4;
            if (Remaining < 4)
                return false;
            result = (b0 >> 4) | ((uint)Cursor[1] << 4) | ((uint)Cursor[2] << 12) | ((uint)Cursor[3] << 20);
        }
        else if ((b0 & 16) == 0)
        {
            length = 5;
            if (Remaining < 5)
                return false;
            result = Unsafe.ReadUnaligned<uint>(Cursor + 1);
        }
        else
        {
            return false;
        }
        Cursor += length;
        value = result;
        return true;
    }

    private bool TryRead<T>(out T value) where T : unmanaged
    {
        if (Remaining < (nuint)sizeof(T))
        {
            value = default;
            return false;
        }
        value = Unsafe.ReadUnaligned<T>(Cursor);
        Cursor += sizeof(T);
        return true;
    }
}
