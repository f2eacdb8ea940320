using System;
using System.Linq;
using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;

namespace Sharprun.Net.Pal.Stack;

/// <summary>The stack's configuration of an interface from the boot options.</summary>
internal static class InterfaceSettings
{
    public static InterfaceConfiguration Dhcp => InterfaceConfiguration.Dhcp;

    /// <summary>Static when net.ip is given, else DHCP; a gateway or DNS without an address is refused (DHCP supplies them).</summary>
    public static InterfaceConfiguration Of(BootNetworkOptions options)
    {
        if (options.Address is null)
        {
            if (options.Gateway is not null || options.DnsServers.Count > 0)
                throw new FormatException("the kernel options net.gateway and net.dns need net.ip (without it DHCP supplies them)");
            return InterfaceConfiguration.Dhcp;
        }
        try
        {
            return InterfaceConfiguration.Static(
                Convert(options.Address), options.PrefixLength,
                options.Gateway is null ? null : Convert(options.Gateway),
                options.DnsServers.Select(Convert).ToList());
        }
        catch (ArgumentException e)
        {
            throw new FormatException("the kernel option net.ip is unusable: " + e.Message);
        }
    }

    private static IpAddress Convert(System.Net.IPAddress address) => IpAddress.Read(address.GetAddressBytes());
}
