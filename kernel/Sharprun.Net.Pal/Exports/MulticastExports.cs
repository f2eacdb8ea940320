using System;
using System.Buffers.Binary;
using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Addressing;
using Sharprun.Net.Pal.Native;
using Sharprun.Net.Pal.Sockets;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Exports;

/// <summary>
/// Multicast group membership and the outgoing multicast interface (IP_ADD/DROP_MEMBERSHIP, IP_MULTICAST_IF,
/// IPV6_JOIN/LEAVE_GROUP), which System.Net.Sockets sets through these calls rather than setsockopt.
/// </summary>
internal static unsafe class MulticastExports
{
    [RuntimeExport("SystemNative_SetIPv4MulticastOption")]
    public static int SetIPv4MulticastOption(nint fd, int multicastOption, IPv4MulticastOption* option)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (option == null)
            return (int)PalError.EFAULT;
        var group = NetworkOrder(option->MulticastAddress);
        var local = NetworkOrder(option->LocalAddress);
        lock (socket.Stack.Sync)
        {
            return (MulticastOption)multicastOption switch
            {
                MulticastOption.Add or MulticastOption.Drop => SocketDescriptors.ToPal(socket.Socket.ChangeMulticastMembership(
                    group, option->InterfaceIndex, local, join: (MulticastOption)multicastOption == MulticastOption.Add)),
                MulticastOption.Interface => SocketDescriptors.ToPal(socket.Socket.SetMulticastInterface(option->InterfaceIndex, local)),
                _ => (int)PalError.EINVAL,
            };
        }
    }

    /// <summary>Only the interface can be read back, as on Linux, where getsockopt of a membership is ENOPROTOOPT.</summary>
    [RuntimeExport("SystemNative_GetIPv4MulticastOption")]
    public static int GetIPv4MulticastOption(nint fd, int multicastOption, IPv4MulticastOption* option)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (option == null)
            return (int)PalError.EFAULT;
        if ((MulticastOption)multicastOption != MulticastOption.Interface)
            return (int)PalError.ENOPROTOOPT;
        lock (socket.Stack.Sync)
        {
            NetError result = socket.Socket.GetMulticastInterface(out int index, out IpAddress local);
            if (result != NetError.Success)
                return SocketDescriptors.ToPal(result);
            *option = new IPv4MulticastOption
            {
                LocalAddress = BinaryPrimitives.ReverseEndianness(local.V4),
                InterfaceIndex = index,
            };
            return 0;
        }
    }

    [RuntimeExport("SystemNative_SetIPv6MulticastOption")]
    public static int SetIPv6MulticastOption(nint fd, int multicastOption, IPv6MulticastOption* option)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (option == null)
            return (int)PalError.EFAULT;
        if ((MulticastOption)multicastOption is not (MulticastOption.Add or MulticastOption.Drop))
            return (int)PalError.EINVAL;
        var group = IpAddress.Read(new ReadOnlySpan<byte>(option->Address.Address, 16));
        lock (socket.Stack.Sync)
        {
            return SocketDescriptors.ToPal(socket.Socket.ChangeMulticastMembership(
                group, option->InterfaceIndex, IpAddress.AnyV6, join: (MulticastOption)multicastOption == MulticastOption.Add));
        }
    }

    [RuntimeExport("SystemNative_GetIPv6MulticastOption")]
    public static int GetIPv6MulticastOption(nint fd, int multicastOption, IPv6MulticastOption* option)
    {
        if (!SocketDescriptors.TryGet(fd, out _, out int error))
            return error;
        return option == null ? (int)PalError.EFAULT : (int)PalError.ENOPROTOOPT;
    }

    /// <summary>An IPv4 address as System.Net stores it: its bytes in network order in a native-endian uint.</summary>
    private static IpAddress NetworkOrder(uint stored) => IpAddress.FromV4(BinaryPrimitives.ReverseEndianness(stored));
}
