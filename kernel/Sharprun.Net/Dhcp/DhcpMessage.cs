using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;

namespace Sharprun.Net.Dhcp;

/// <summary>A DHCPv4 message (RFC 2131, options RFC 2132): the fields a client needs from a server's reply, and the client's requests.</summary>
internal sealed class DhcpMessage
{
    public const int FixedLength = 236;
    public const uint MagicCookie = 0x6382_5363;
    public const byte Discover = 1, Offer = 2, Request = 3, Ack = 5, Nak = 6;
    // BOOTP's minimum message: some servers drop shorter ones (RFC 1542 §2.1).
    private const int MinimumLength = 300;
    private const byte OptionPad = 0, OptionSubnetMask = 1, OptionRouter = 3, OptionDns = 6, OptionRequestedAddress = 50,
        OptionLeaseTime = 51, OptionMessageType = 53, OptionServerId = 54, OptionParameterList = 55, OptionRenewalTime = 58,
        OptionRebindingTime = 59, OptionEnd = 255;

    public byte MessageType { get; private set; }
    public uint TransactionId { get; private set; }
    public MacAddress ClientMac { get; private set; }
    public IpAddress YourAddress { get; private set; }
    public IpAddress? SubnetMask { get; private set; }
    public IpAddress? Router { get; private set; }
    public List<IpAddress> DnsServers { get; } = [];
    public IpAddress? ServerId { get; private set; }
    public uint? LeaseSeconds { get; private set; }
    public uint? RenewalSeconds { get; private set; }
    public uint? RebindingSeconds { get; private set; }

    /// <summary>Reads a server's reply; false with <paramref name="reason"/> when it is not a well-formed BOOTREPLY.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out DhcpMessage message, out string reason)
    {
        message = new DhcpMessage();
        reason = "";
        if (data.Length < FixedLength + 4)
            return Fail("shorter than a DHCP header", out reason);
        if (data[0] != 2 || data[1] != 1 || data[2] != 6)
            return Fail("not a BOOTREPLY for Ethernet", out reason);
        if (BinaryPrimitives.ReadUInt32BigEndian(data[FixedLength..]) != MagicCookie)
            return Fail("no DHCP magic cookie", out reason);
        message.TransactionId = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        message.YourAddress = IpAddress.Read(data.Slice(16, 4));
        message.ClientMac = MacAddress.Read(data[28..]);
        var options = data[(FixedLength + 4)..];
        while (options.Length > 0)
        {
            byte code = options[0];
            if (code == OptionPad)
            {
                options = options[1..];
                continue;
            }
            if (code == OptionEnd)
                break;
            if (options.Length < 2 || options[1] + 2 > options.Length)
                return Fail($"option {code} runs past the end", out reason);
            var value = options.Slice(2, options[1]);
            options = options[(2 + value.Length)..];
            if (!message.ReadOption(code, value))
                return Fail($"option {code} has a bad length {value.Length}", out reason);
        }
        if (message.MessageType == 0)
            return Fail("no message type", out reason);
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }

    private bool ReadOption(byte code, ReadOnlySpan<byte> value)
    {
        switch (code)
        {
            case OptionMessageType:
                if (value.Length != 1)
                    return false;
                MessageType = value[0];
                break;
            case OptionSubnetMask:
                if (value.Length != 4)
                    return false;
                SubnetMask = IpAddress.Read(value);
                break;
            case OptionRouter:
                if (value.Length < 4 || value.Length % 4 != 0)
                    return false;
                Router = IpAddress.Read(value[..4]);
                break;
            case OptionDns:
                if (value.Length < 4 || value.Length % 4 != 0)
                    return false;
                for (int i = 0; i < value.Length; i += 4)
                    DnsServers.Add(IpAddress.Read(value.Slice(i, 4)));
                break;
            case OptionServerId:
                if (value.Length != 4)
                    return false;
                ServerId = IpAddress.Read(value);
                break;
            case OptionLeaseTime or OptionRenewalTime or OptionRebindingTime:
                if (value.Length != 4)
                    return false;
                uint seconds = BinaryPrimitives.ReadUInt32BigEndian(value);
                if (code == OptionLeaseTime)
                    LeaseSeconds = seconds;
                else if (code == OptionRenewalTime)
                    RenewalSeconds = seconds;
                else
                    RebindingSeconds = seconds;
                break;
        }
        return true;
    }

    /// <summary>Writes a DISCOVER or REQUEST; returns its length.</summary>
    public static int WriteClientMessage(Span<byte> data, byte type, uint transactionId, MacAddress mac, ushort seconds, bool broadcast,
        IpAddress clientAddress, IpAddress? requestedAddress, IpAddress? serverId)
    {
        data[..MinimumLength].Clear();
        data[0] = 1;
        data[1] = 1;
        data[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(data[4..], transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(data[8..], seconds);
        BinaryPrimitives.WriteUInt16BigEndian(data[10..], broadcast ? (ushort)0x8000 : (ushort)0);
        BinaryPrimitives.WriteUInt32BigEndian(data[12..], clientAddress.V4);
        mac.Write(data[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(data[FixedLength..], MagicCookie);
        int offset = FixedLength + 4;
        data[offset++] = OptionMessageType;
        data[offset++] = 1;
        data[offset++] = type;
        if (requestedAddress is { } requested)
            offset = WriteAddressOption(data, offset, OptionRequestedAddress, requested);
        if (serverId is { } server)
            offset = WriteAddressOption(data, offset, OptionServerId, server);
        ReadOnlySpan<byte> parameters = [OptionSubnetMask, OptionRouter, OptionDns, OptionLeaseTime, OptionRenewalTime, OptionRebindingTime];
        data[offset++] = OptionParameterList;
        data[offset++] = (byte)parameters.Length;
        parameters.CopyTo(data[offset..]);
        offset += parameters.Length;
        data[offset++] = OptionEnd;
        return Math.Max(offset, MinimumLength);
    }

    private static int WriteAddressOption(Span<byte> data, int offset, byte code, IpAddress address)
    {
        data[offset] = code;
        data[offset + 1] = 4;
        BinaryPrimitives.WriteUInt32BigEndian(data[(offset + 2)..], address.V4);
        return offset + 6;
    }
}
