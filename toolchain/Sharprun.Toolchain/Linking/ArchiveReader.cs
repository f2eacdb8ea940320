using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Reads a GNU <c>ar</c> archive: the <c>!&lt;arch&gt;</c> magic, 60-byte member headers, the symbol index
/// <c>/</c> (or <c>/SYM64/</c>), the long-name table <c>//</c>, and members named <c>name/</c> or <c>/offset</c>.
/// Member contents are not parsed here. Thin and BSD-style archives, and archives without a symbol index, are
/// refused; every size, offset and name is checked, and bad input raises <see cref="ArchiveFormatException"/>.
/// </summary>
public static class ArchiveReader
{
    private const int MagicSize = 8;
    private const int HeaderSize = 60;
    private const int NameField = 0, NameSize = 16;
    private const int SizeField = 48, SizeSize = 10;
    private const int TerminatorField = 58;

    public static ObjectArchive Read(string path) => Read(File.ReadAllBytes(path), path);

    public static ObjectArchive Read(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(name);
        var archive = new ObjectArchive(name);
        var span = bytes.AsSpan();
        if (span.Length < MagicSize)
            throw Fail(name, $"file is {span.Length} bytes, shorter than the archive magic");
        if (span[..MagicSize].SequenceEqual("!<thin>\n"u8))
            throw Fail(name, "thin archives (members outside the archive) are not supported");
        if (!span[..MagicSize].SequenceEqual("!<arch>\n"u8))
            throw Fail(name, "not an ar archive (bad magic)");

        ReadOnlyMemory<byte>? longNames = null;
        (ReadOnlyMemory<byte> Data, int Width, int Offset)? index = null;
        var byOffset = new Dictionary<int, ArchiveMember>();
        int position = MagicSize;
        while (position < span.Length)
        {
            if (span.Length - position < HeaderSize)
                throw Fail(name, $"member header at offset 0x{position:x} is truncated ({span.Length - position} of {HeaderSize} bytes)");
            var header = span.Slice(position, HeaderSize);
            if (header[TerminatorField] != (byte)'`' || header[TerminatorField + 1] != (byte)'\n')
                throw Fail(name, $"member header at offset 0x{position:x} does not end in \"`\\n\"");
            string rawName = Ascii(header.Slice(NameField, NameSize), name, position).TrimEnd(' ');
            int size = ParseSize(header.Slice(SizeField, SizeSize), name, position);
            int dataStart = position + HeaderSize;
            if (size > span.Length - dataStart)
                throw Fail(name, $"member at offset 0x{position:x} ({rawName}) has size {size}, past the end of the archive ({span.Length} bytes)");
            var data = bytes.AsMemory(dataStart, size);
            switch (rawName)
            {
                case "/":
                case "/SYM64/":
                    if (index is not null)
                        throw Fail(name, $"a second symbol index at offset 0x{position:x}");
                    index = (data, rawName == "/" ? 4 : 8, position);
                    break;
                case "//":
                    if (longNames is not null)
                        throw Fail(name, $"a second long-name table at offset 0x{position:x}");
                    longNames = data;
                    break;
                default:
                    string memberName = MemberName(rawName, longNames, name, position);
                    var member = new ArchiveMember(archive, memberName, position, data);
                    archive.Members.Add(member);
                    byOffset[position] = member;
                    break;
            }
            // Members start on even offsets; the padding byte after an odd-sized member may be missing at the end.
            position = dataStart + size + (size & 1);
        }
        if (index is not { } symbolIndex)
            throw Fail(name, "has no symbol index (ranlib or ar s adds one)");
        ReadIndex(archive, symbolIndex.Data.Span, symbolIndex.Width, byOffset, name);
        return archive;
    }

    private static void ReadIndex(ObjectArchive archive, ReadOnlySpan<byte> data, int width, Dictionary<int, ArchiveMember> byOffset, string name)
    {
        if (data.Length < width)
            throw Fail(name, "symbol index is too short to hold its count");
        ulong count = width == 4 ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt64BigEndian(data);
        if (count > (ulong)(data.Length - width) / (ulong)width)
            throw Fail(name, $"symbol index claims {count} symbols, more than its {data.Length} bytes can hold");
        int names = width + (int)count * width;
        int at = names;
        for (int i = 0; i < (int)count; i++)
        {
            var offsetField = data.Slice(width + i * width);
            ulong offset = width == 4 ? BinaryPrimitives.ReadUInt32BigEndian(offsetField) : BinaryPrimitives.ReadUInt64BigEndian(offsetField);
            if (at >= data.Length)
                throw Fail(name, $"symbol index entry {i}: its name lies past the end of the index");
            int end = data.Slice(at).IndexOf((byte)0);
            if (end < 0)
                throw Fail(name, $"symbol index entry {i}: its name is not NUL-terminated");
            string symbol = Encoding.UTF8.GetString(data.Slice(at, end));
            at += end + 1;
            if (symbol.Length == 0)
                throw Fail(name, $"symbol index entry {i} has an empty name");
            if (offset > int.MaxValue || !byOffset.TryGetValue((int)offset, out var member))
                throw Fail(name, $"symbol index entry {i} ({symbol}) points at offset 0x{offset:x}, where no member starts");
            archive.AddDefinition(symbol, member);
        }
    }

    private static string MemberName(string rawName, ReadOnlyMemory<byte>? longNames, string name, int position)
    {
        if (rawName.Length == 0)
            throw Fail(name, $"member at offset 0x{position:x} has an empty name");
        if (rawName.StartsWith("#1/", StringComparison.Ordinal))
            throw Fail(name, $"member at offset 0x{position:x} uses a BSD long name ({rawName}); only GNU archives are supported");
        if (rawName[0] != '/')
            return rawName.EndsWith('/') ? rawName[..^1] : rawName;
        if (!int.TryParse(rawName.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int offset))
            throw Fail(name, $"member at offset 0x{position:x} has the name \"{rawName}\", neither a name nor a long-name reference");
        if (longNames is not { } table)
            throw Fail(name, $"member at offset 0x{position:x} refers to long name {offset}, but the archive has no long-name table before it");
        var names = table.Span;
        if (offset >= names.Length)
            throw Fail(name, $"member at offset 0x{position:x} refers to long name {offset}, outside the long-name table ({names.Length} bytes)");
        int end = names.Slice(offset).IndexOf((byte)'\n');
        if (end < 0)
            throw Fail(name, $"member at offset 0x{position:x}: long name {offset} is not terminated");
        string longName = Ascii(names.Slice(offset, end), name, position);
        longName = longName.EndsWith('/') ? longName[..^1] : longName;
        return longName.Length > 0 ? longName : throw Fail(name, $"member at offset 0x{position:x} has an empty long name");
    }

    private static int ParseSize(ReadOnlySpan<byte> field, string name, int position)
    {
        long value = 0;
        int digits = 0;
        int i = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'9'; i++, digits++)
            value = value * 10 + (field[i] - '0');
        for (; i < field.Length; i++)
            if (field[i] != (byte)' ')
                throw Fail(name, $"member header at offset 0x{position:x} has a size field that is not a decimal number");
        if (digits == 0)
            throw Fail(name, $"member header at offset 0x{position:x} has an empty size field");
        if (value > int.MaxValue - HeaderSize - position)
            throw Fail(name, $"member header at offset 0x{position:x} has size {value}, too large");
        return (int)value;
    }

    private static string Ascii(ReadOnlySpan<byte> bytes, string name, int position)
    {
        foreach (byte b in bytes)
            if (b is < 0x20 or > 0x7e)
                throw Fail(name, $"member header at offset 0x{position:x} has a name with byte 0x{b:x2}, not printable ASCII");
        return Encoding.ASCII.GetString(bytes);
    }

    private static ArchiveFormatException Fail(string name, string message) => new($"{name}: {message}");
}
