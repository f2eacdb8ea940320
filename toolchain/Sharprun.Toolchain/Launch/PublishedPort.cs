using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// A port of the guest published on the host, in docker's syntax: <c>[HOSTADDR:]HOSTPORT:GUESTPORT[/tcp|/udp]</c>.
/// The host address is 127.0.0.1 unless given, so nothing is reachable from outside the machine by default.
/// </summary>
public sealed record PublishedPort(IPAddress HostAddress, int HostPort, int GuestPort, bool Udp)
{
    public static PublishedPort Parse(string text)
    {
        string rest = text;
        bool udp = false;
        int slash = rest.LastIndexOf('/');
        if (slash >= 0)
        {
            string protocol = rest[(slash + 1)..];
            udp = protocol switch
            {
                "udp" => true,
                "tcp" => false,
                _ => throw new FormatException($"'{text}': the protocol after '/' must be tcp or udp, not '{protocol}'"),
            };
            rest = rest[..slash];
        }
        string[] parts = rest.Split(':');
        if (parts.Length is < 2 or > 3)
            throw new FormatException($"'{text}' is not [HOSTADDR:]HOSTPORT:GUESTPORT[/udp] (e.g. 8080:80 or 127.0.0.1:5353:53/udp)");
        var address = IPAddress.Loopback;
        if (parts.Length == 3 && (!IPAddress.TryParse(parts[0], out address!) || address.AddressFamily != AddressFamily.InterNetwork))
            throw new FormatException($"'{text}': the host address '{parts[0]}' is not an IPv4 address (QEMU's user network forwards IPv4 only)");
        return new PublishedPort(address, Port(parts[^2], "host", text), Port(parts[^1], "guest", text), udp);
    }

    /// <summary>QEMU's <c>hostfwd</c> rule for the user network.</summary>
    public string HostForward => string.Create(CultureInfo.InvariantCulture, $"{(Udp ? "udp" : "tcp")}:{HostAddress}:{HostPort}-:{GuestPort}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{HostAddress}:{HostPort}:{GuestPort}/{(Udp ? "udp" : "tcp")}");

    private static int Port(string text, string which, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535
            ? port
            : throw new FormatException($"'{whole}': the {which} port '{text}' is not a number from 1 to 65535");
}
