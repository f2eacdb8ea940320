using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Walks .eh_frame (LSB/DWARF call frame information with 'z' augmentations) to find every FDE and its
/// initial location, decoded with the pointer encoding its CIE's 'R' augmentation names. Zero length words
/// (terminators, or padding between concatenated input sections) are skipped.
/// </summary>
internal static class EhFrameIndex
{
    // DW_EH_PE_* pointer encodings.
    private const byte EncodingOmit = 0xff;
    private const byte FormatMask = 0x0f;
    private const byte ApplicationMask = 0x70;
    private const byte Indirect = 0x80;
    private const byte AbsolutePointer = 0x00, Uleb128 = 0x01, Udata2 = 0x02, Udata4 = 0x03, Udata8 = 0x04;
    private const byte Sleb128 = 0x09, Sdata2 = 0x0a, Sdata4 = 0x0b, Sdata8 = 0x0c;
    private const byte ApplicationAbsolute = 0x00, ApplicationPcRelative = 0x10;

    /// <summary>Number of FDEs (pointers are not decoded, so relocation is not needed).</summary>
    public static int CountFdes(ReadOnlySpan<byte> data, string where) => Walk(data, 0, where, null);

    /// <summary>(initial location, FDE address) of every FDE in relocated .eh_frame bytes placed at <paramref name="address"/>.</summary>
    public static List<(ulong InitialLocation, ulong Fde)> ReadFdes(ReadOnlySpan<byte> data, ulong address, string where)
    {
        var fdes = new List<(ulong, ulong)>();
        Walk(data, address, where, fdes);
        return fdes;
    }

    private static int Walk(ReadOnlySpan<byte> data, ulong address, string where, List<(ulong, ulong)>? fdes)
    {
        var cieEncodings = new Dictionary<int, byte>();
        int count = 0;
        int position = 0;
        while (position < data.Length)
        {
            int entryStart = position;
            if (data.Length - position < 4)
            {
                if (data.Slice(position).ContainsAnyExcept((byte)0))
                    throw Fail(where, entryStart, "truncated length");
                break;
            }
            ulong length = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position));
            position += 4;
            if (length == 0)
                continue;
            if (length == 0xffffffff)
            {
                if (data.Length - position < 8)
                    throw Fail(where, entryStart, "truncated 64-bit length");
                length = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(position));
                position += 8;
            }
            if (length < 4 || length > (ulong)(data.Length - position))
                throw Fail(where, entryStart, $"length 0x{length:x} runs past the end of the section");
            int contentStart = position;
            var content = data.Slice(contentStart, (int)length);
            position = contentStart + (int)length;
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(content);
            if (id == 0)
            {
                cieEncodings[entryStart] = ReadCieFdeEncoding(content, where, entryStart);
                continue;
            }
            long ciePosition = (long)contentStart - id;
            if (ciePosition < 0 || !cieEncodings.TryGetValue((int)ciePosition, out byte encoding))
                throw Fail(where, entryStart, "FDE does not point back to a CIE");
            count++;
            if (fdes is null)
                continue;
            int field = 4;
            ulong fieldAddress = address + (ulong)(contentStart + field);
            ulong location = ReadPointer(content, ref field, encoding, fieldAddress, where, entryStart);
            fdes.Add((location, address + (ulong)entryStart));
        }
        return count;
    }

    /// <summary>The FDE pointer encoding a CIE declares (absolute 8-byte pointers when it has no 'R').</summary>
    private static byte ReadCieFdeEncoding(ReadOnlySpan<byte> content, string where, int entryStart)
    {
        int at = 4;
        if (at >= content.Length)
            throw Fail(where, entryStart, "truncated CIE");
        byte version = content[at++];
        if (version != 1 && version != 3)
            throw Fail(where, entryStart, $"CIE version {version} is not supported");
        int augmentationEnd = content.Slice(at).IndexOf((byte)0);
        if (augmentationEnd < 0)
            throw Fail(where, entryStart, "CIE augmentation string is not terminated");
        var augmentation = content.Slice(at, augmentationEnd);
        at += augmentationEnd + 1;
        if (augmentation.Length == 0)
            return AbsolutePointer;
        if (augmentation[0] != (byte)'z')
            throw Fail(where, entryStart, $"CIE augmentation \"{System.Text.Encoding.ASCII.GetString(augmentation)}\" is not supported");
        ReadUleb(content, ref at, where, entryStart);   // code alignment factor
        ReadSleb(content, ref at, where, entryStart);   // data alignment factor
        if (version == 1)
        {
            if (at >= content.Length)
                throw Fail(where, entryStart, "truncated CIE");
            at++;
        }
        else
        {
            ReadUleb(content, ref at, where, entryStart);
        }
        ReadUleb(content, ref at, where, entryStart);   // augmentation data length
        byte fdeEncoding = AbsolutePointer;
        for (int i = 1; i < augmentation.Length; i++)
        {
            switch ((char)augmentation[i])
            {
                case 'R':
                    fdeEncoding = ReadByte(content, ref at, where, entryStart);
                    break;
                case 'L':
                    ReadByte(content, ref at, where, entryStart);
                    break;
                case 'P':
                    byte personalityEncoding = ReadByte(content, ref at, where, entryStart);
                    ReadPointer(content, ref at, (byte)(personalityEncoding & ~Indirect & ~ApplicationMask), 0, where, entryStart);
                    break;
                case 'S':
                case 'B':
                case 'G':
                    break;
                default:
                    throw Fail(where, entryStart, $"CIE augmentation character '{(char)augmentation[i]}' is not supported");
            }
        }
        if (fdeEncoding == EncodingOmit || (fdeEncoding & Indirect) != 0)
            throw Fail(where, entryStart, $"FDE pointer encoding 0x{fdeEncoding:x2} is not supported");
        return fdeEncoding;
    }

    private static ulong ReadPointer(ReadOnlySpan<byte> content, ref int at, byte encoding, ulong fieldAddress, string where, int entryStart)
    {
        int size = (encoding & FormatMask) switch
        {
            AbsolutePointer or Udata8 or Sdata8 => 8,
            Udata4 or Sdata4 => 4,
            Udata2 or Sdata2 => 2,
            Uleb128 or Sleb128 => 0,
            _ => throw Fail(where, entryStart, $"pointer encoding 0x{encoding:x2} is not supported"),
        };
        if (content.Length - at < size)
            throw Fail(where, entryStart, "truncated pointer");
        var field = content.Slice(at);
        ulong value = (encoding & FormatMask) switch
        {
            AbsolutePointer or Udata8 or Sdata8 => BinaryPrimitives.ReadUInt64LittleEndian(field),
            Udata4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            Sdata4 => (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(field),
            Udata2 => BinaryPrimitives.ReadUInt16LittleEndian(field),
            Sdata2 => (ulong)(long)BinaryPrimitives.ReadInt16LittleEndian(field),
            Uleb128 => ReadUleb(content, ref at, where, entryStart),
            _ => (ulong)ReadSleb(content, ref at, where, entryStart),
        };
        at += size;
        return (encoding & ApplicationMask) switch
        {
            ApplicationAbsolute => value,
            ApplicationPcRelative => fieldAddress + value,
            _ => throw Fail(where, entryStart, $"pointer encoding 0x{encoding:x2} (relative to text, data or function) is not supported"),
        };
    }

    private static byte ReadByte(ReadOnlySpan<byte> content, ref int at, string where, int entryStart)
    {
        if (at >= content.Length)
            throw Fail(where, entryStart, "truncated CIE augmentation data");
        return content[at++];
    }

    private static ulong ReadUleb(ReadOnlySpan<byte> content, ref int at, string where, int entryStart)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (at >= content.Length || shift > 63)
                throw Fail(where, entryStart, "bad LEB128 number");
            byte b = content[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
    }

    private static long ReadSleb(ReadOnlySpan<byte> content, ref int at, string where, int entryStart)
    {
        long value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (at >= content.Length || shift > 63)
                throw Fail(where, entryStart, "bad LEB128 number");
            byte b = content[at++];
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                if (shift + 7 < 64 && (b & 0x40) != 0)
                    value |= -1L << (shift + 7);
                return value;
            }
        }
    }

    private static LinkException Fail(string where, int entryStart, string message) =>
        new($"{where}: entry at offset 0x{entryStart:x}: {message}");
}
