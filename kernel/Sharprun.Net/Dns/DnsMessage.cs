using System.Buffers.Binary;
using System.Text;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Dns;

/// <summary>
/// DNS messages (RFC 1035): writing a one-question query, and reading a response's answers with name compression
/// (pointers must point backwards, which also rules out loops) and CNAME chains.
/// </summary>
internal static class DnsMessage
{
    public const int HeaderLength = 12;
    public const int MaxUdpLength = 512;
    public const ushort TypeA = 1;
    public const ushort TypeCname = 5;
    public const ushort TypeAaaa = 28;
    private const ushort ClassInternet = 1;
    private const int MaxNameLength = 255;
    private const int MaxCnameHops = 16;
    private const int MaxRecords = 256;

    /// <summary>Whether <paramref name="name"/> can be asked for: ASCII labels of 1–63 bytes, 253 characters at most, one optional final dot.</summary>
    public static bool IsValidName(string name)
    {
        if (name.EndsWith('.'))
            name = name[..^1];
        if (name.Length is 0 or > 253)
            return false;
        foreach (char c in name)
        {
            if (c is <= ' ' or > '~')
                return false;
        }
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
                return false;
        }
        return true;
    }

    /// <summary>Writes a recursive query for <paramref name="name"/> (valid per <see cref="IsValidName"/>); returns its length.</summary>
    public static int WriteQuery(Span<byte> message, ushort id, string name, ushort type)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], 0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(message[4..], 1);
        message[6..HeaderLength].Clear();
        int offset = HeaderLength;
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            message[offset++] = (byte)label.Length;
            offset += Encoding.ASCII.GetBytes(label, message[offset..]);
        }
        message[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(message[offset..], type);
        BinaryPrimitives.WriteUInt16BigEndian(message[(offset + 2)..], ClassInternet);
        return offset + 4;
    }

    /// <summary>
    /// Reads the response to query <paramref name="id"/> for <paramref name="name"/>/<paramref name="type"/>;
    /// adds the addresses found at the end of the CNAME chain to <paramref name="addresses"/>.
    /// </summary>
    public static DnsAnswer Read(ReadOnlySpan<byte> message, ushort id, string name, ushort type, List<IpAddress> addresses, out string canonicalName)
    {
        canonicalName = name.TrimEnd('.');
        if (message.Length < HeaderLength)
            return DnsAnswer.Malformed;
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if (BinaryPrimitives.ReadUInt16BigEndian(message) != id || (flags & 0x8000) == 0 || ((flags >> 11) & 0xF) != 0)
            return DnsAnswer.Mismatch;
        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        if (questions != 1)
            return DnsAnswer.Mismatch;
        int offset = HeaderLength;
        if (!TryReadName(message, ref offset, out string question) || offset + 4 > message.Length)
            return DnsAnswer.Malformed;
        if (!string.Equals(question, canonicalName, StringComparison.OrdinalIgnoreCase)
            || BinaryPrimitives.ReadUInt16BigEndian(message[offset..]) != type
            || BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]) != ClassInternet)
            return DnsAnswer.Mismatch;
        offset += 4;
        if ((flags & 0x0200) != 0)
            return DnsAnswer.Truncated;
        switch (flags & 0xF)
        {
            case 0:
                break;
            case 3:
                return DnsAnswer.NameError;
            default:
                return DnsAnswer.ServerFailure;
        }
        if (answers > MaxRecords)
            return DnsAnswer.Malformed;
        var records = new List<(string Name, ushort Type, int Data, int Length)>(answers);
        for (int i = 0; i < answers; i++)
        {
            if (!TryReadName(message, ref offset, out string owner) || offset + 10 > message.Length)
                return DnsAnswer.Malformed;
            ushort recordType = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            ushort recordClass = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
            offset += 10;
            if (offset + length > message.Length)
                return DnsAnswer.Malformed;
            if (recordClass == ClassInternet)
                records.Add((owner, recordType, offset, length));
            offset += length;
        }
        string current = canonicalName;
        for (int hop = 0; ; hop++)
        {
            int cname = records.FindIndex(r => r.Type == TypeCname && string.Equals(r.Name, current, StringComparison.OrdinalIgnoreCase));
            if (cname < 0)
                break;
            if (hop == MaxCnameHops)
                return DnsAnswer.Malformed;
            int target = records[cname].Data;
            if (!TryReadName(message, ref target, out string next) || target != records[cname].Data + records[cname].Length)
                return DnsAnswer.Malformed;
            current = next;
        }
        canonicalName = current;
        int size = type == TypeA ? 4 : 16;
        foreach (var record in records)
        {
            if (record.Type != type || !string.Equals(record.Name, canonicalName, StringComparison.OrdinalIgnoreCase))
                continue;
            if (record.Length != size)
                return DnsAnswer.Malformed;
            var address = IpAddress.Read(message.Slice(record.Data, size));
            if (type == TypeAaaa && address.IsV4)
                continue;
            if (!addresses.Contains(address))
                addresses.Add(address);
        }
        return DnsAnswer.Addresses;
    }

    /// <summary>Reads a possibly compressed name at <paramref name="offset"/>, moving it past the name's bytes in place.</summary>
    public static bool TryReadName(ReadOnlySpan<byte> message, ref int offset, out string name)
    {
        name = "";
        var text = new StringBuilder();
        int position = offset;
        int end = -1;
        // Each pointer must go strictly back from the label it is in, so a chain of them ends.
        int limit = position;
        while (true)
        {
            if (position >= message.Length)
                return false;
            byte length = message[position];
            if (length == 0)
            {
                position++;
                break;
            }
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length)
                    return false;
                int target = ((length & 0x3F) << 8) | message[position + 1];
                if (target >= limit)
                    return false;
                if (end < 0)
                    end = position + 2;
                position = limit = target;
                continue;
            }
            if ((length & 0xC0) != 0 || position + 1 + length > message.Length)
                return false;
            if (text.Length > 0)
                text.Append('.');
            foreach (byte b in message.Slice(position + 1, length))
            {
                if (b is <= (byte)' ' or > (byte)'~' or (byte)'.')
                    return false;
                text.Append((char)b);
            }
            if (text.Length > MaxNameLength)
                return false;
            position += 1 + length;
        }
        offset = end >= 0 ? end : position;
        name = text.ToString();
        return true;
    }
}
