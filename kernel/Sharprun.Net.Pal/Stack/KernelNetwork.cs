using System;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Startup;

namespace Sharprun.Net.Pal.Stack;

/// <summary>
/// The image's one network stack: created on first use of a socket, name resolution or interface query, with
/// loopback, one interface per NIC of the platform (eth0 configured from the kernel options) and its thread.
/// </summary>
internal static unsafe class KernelNetwork
{
    private static readonly Lazy<NetworkStack> s_stack = new(Create);

    public static NetworkStack Stack => s_stack.Value;

    private static NetworkStack Create()
    {
        var stack = new NetworkStack(new KernelNetworkClock(), new KernelNetworkLog())
        {
            DnsServersChanged = ResolverConfiguration.Publish,
        };
        BootNetworkOptions options;
        try
        {
            options = ReadOptions();
        }
        catch (FormatException e)
        {
            Panic.Fail(e.Message);
            throw;
        }
        lock (stack.Sync)
        {
            for (int nic = 0; nic < Hypercalls.NetworkInterfaceCount; nic++)
                stack.AddInterface(new HypercallLinkDevice(nic), nic == 0 ? InterfaceSettings.Of(options) : InterfaceSettings.Dhcp);
            // The file exists from the start, without servers until DHCP names some.
            ResolverConfiguration.Publish(stack.DnsServers);
        }
        NetworkThread.Start(stack);
        return stack;
    }

    private static BootNetworkOptions ReadOptions()
    {
        byte* line = Hypercalls.CommandLine;
        int length = 0;
        while (line[length] != 0)
            length++;
        var text = new ReadOnlySpan<byte>(line, length);
        return BootNetworkOptions.Parse(text[KernelOptions.NetworkAddress], text[KernelOptions.NetworkGateway], text[KernelOptions.NetworkDns]);
    }
}
