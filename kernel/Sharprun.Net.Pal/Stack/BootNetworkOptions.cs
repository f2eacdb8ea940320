using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace Sharprun.Net.Pal.Stack;

/// <summary>
/// eth0's configuration from the kernel options <c>net.ip=ADDR/PREFIX</c> (static IPv4; DHCP without it),
/// <c>net.gateway=ADDR</c> and <c>net.dns=ADDR[,ADDR]</c>. Outside input: anything malformed is a
/// <see cref="FormatException"/> naming the option and the value.
/// </summary>
internal sealed record BootNetworkOptions(IPAddress? Address, int PrefixLength, IPAddress? Gateway, IReadOnlyList<IPAddress> DnsServers)
{
    public static BootNetworkOptions Parse(ReadOnlySpan<byte> address, ReadOnlySpan<byte> gateway, ReadOnlySpan<byte> dns)
    {
        IPAddress? ip = null;
        int prefix = 0;
        if (!address.IsEmpty)
        {
            string text = Text(address);
            int slash = text.IndexOf('/');
            if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32)
                throw Malformed("net.ip", text, "ADDR/PREFIX with a prefix length from 0 to 32");
            ip = V4(text[..slash], "net.ip", text);
        }
        IPAddress? router = gateway.IsEmpty ? null : V4(Text(gateway), "net.gateway", Text(gateway));
        var servers = new List<IPAddress>();
        if (!dns.IsEmpty)
        {
            string text = Text(dns);
            foreach (string server in text.Split(','))
                servers.Add(Any(server, "net.dns", text));
        }
        return new BootNetworkOptions(ip, prefix, router, servers);
    }

    private static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    private static IPAddress V4(string text, string option, string value)
    {
        IPAddress parsed = Any(text, option, value);
        return parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? parsed
            : throw Malformed(option, value, "an IPv4 address");
    }

    private static IPAddress Any(string text, string option, string value) =>
        text.Length > 0 && text.Trim() == text && IPAddress.TryParse(text, out IPAddress? parsed) && text.Contains(parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? '.' : ':')
            ? parsed
            : throw Malformed(option, value, "an IP address");

    private static FormatException Malformed(string option, string value, string expected) =>
        new($"the kernel option {option}={value} is malformed: expected {expected}");
}
