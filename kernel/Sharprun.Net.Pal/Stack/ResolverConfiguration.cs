using System.Collections.Generic;
using System.Text;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Pal.Stack;

/// <summary>
/// /run/resolv.conf (what the image's /etc/resolv.conf links to): the stack's DNS servers as resolv.conf(5)
/// nameserver lines, republished whenever DHCP or the static configuration changes them, for the framework's
/// readers of that file (IPInterfaceProperties.DnsAddresses).
/// </summary>
internal static class ResolverConfiguration
{
    public const string FileName = "resolv.conf";

    public static void Publish(IReadOnlyList<IpAddress> servers) => RunDirectoryFiles.Publish(FileName, Format(servers));

    public static byte[] Format(IReadOnlyList<IpAddress> servers)
    {
        var text = new StringBuilder("# written by the Sharprun kernel from the network's configuration\n");
        foreach (IpAddress server in servers)
            text.Append("nameserver ").Append(server.ToString()).Append('\n');
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
