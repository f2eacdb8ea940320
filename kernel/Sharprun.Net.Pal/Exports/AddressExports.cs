using System;
using System.Buffers.Binary;
using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Pal.Sockets;

namespace Sharprun.Net.Pal.Exports;

/// <summary>
/// The sockaddr helpers of pal_networking.c, which System.Net.Primitives' SocketAddress uses to read and build
/// Linux socket addresses. They return PAL errors: EFAULT for a missing or short buffer, EINVAL or EAFNOSUPPORT
/// for the wrong family.
/// </summary>
internal static unsafe class AddressExports
{
    [RuntimeExport("SystemNative_GetSocketAddressSizes")]
    public static int GetSocketAddressSizes(int* ipv4SocketAddressSize, int* ipv6SocketAddressSize, int* udsSocketAddressSize, int* maxSocketAddressSize)
    {
        if (ipv4SocketAddressSize == null || ipv6SocketAddressSize == null || udsSocketAddressSize == null || maxSocketAddressSize == null)
            return (int)PalError.EFAULT;
        *ipv4SocketAddressSize = LinuxSocketAddress.InetSize;
        *ipv6SocketAddressSize = LinuxSocketAddress.Inet6Size;
        *udsSocketAddressSize = LinuxSocketAddress.UnixSize;
        *maxSocketAddressSize = LinuxSocketAddress.StorageSize;
        return (int)PalError.SUCCESS;
    }

    [RuntimeExport("SystemNative_GetMaximumAddressSize")]
    public static int GetMaximumAddressSize() => LinuxSocketAddress.StorageSize;

    [RuntimeExport("SystemNative_GetAddressFamily")]
    public static int GetAddressFamily(byte* socketAddress, int socketAddressLen, int* addressFamily)
    {
        if (socketAddress == null || addressFamily == null || socketAddressLen < 2)
            return (int)PalError.EFAULT;
        *addressFamily = PalAddressFamily.FromLinux(*(ushort*)socketAddress);
        return (int)PalError.SUCCESS;
    }

    [RuntimeExport("SystemNative_SetAddressFamily")]
    public static int SetAddressFamily(byte* socketAddress, int socketAddressLen, int addressFamily)
    {
        if (socketAddress == null || socketAddressLen < 2)
            return (int)PalError.EFAULT;
        if (!PalAddressFamily.TryToLinux(addressFamily, out ushort linux))
            return (int)PalError.EAFNOSUPPORT;
        *(ushort*)socketAddress = linux;
        return (int)PalError.SUCCESS;
    }

    [RuntimeExport("SystemNative_GetPort")]
    public static int GetPort(byte* socketAddress, int socketAddressLen, ushort* port)
    {
        if (socketAddress == null || port == null)
            return (int)PalError.EFAULT;
        int error = CheckPortFamily(socketAddress, socketAddressLen);
        if (error == 0)
            *port = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(socketAddress + 2, 2));
        return error;
    }

    [RuntimeExport("SystemNative_SetPort")]
    public static int SetPort(byte* socketAddress, int socketAddressLen, ushort port)
    {
        if (socketAddress == null)
            return (int)PalError.EFAULT;
        int error = CheckPortFamily(socketAddress, socketAddressLen);
        if (error == 0)
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(socketAddress + 2, 2), port);
        return error;
    }

    [RuntimeExport("SystemNative_GetIPv4Address")]
    public static int GetIPv4Address(byte* socketAddress, int socketAddressLen, uint* address)
    {
        if (socketAddress == null || address == null || socketAddressLen < LinuxSocketAddress.InetSize)
            return (int)PalError.EFAULT;
        if (*(ushort*)socketAddress != LinuxSocketAddress.FamilyInet)
            return (int)PalError.EINVAL;
        // s_addr as it lies in memory (network order), which is what the managed side expects.
        *address = *(uint*)(socketAddress + 4);
        return (int)PalError.SUCCESS;
    }

    [RuntimeExport("SystemNative_SetIPv4Address")]
    public static int SetIPv4Address(byte* socketAddress, int socketAddressLen, uint address)
    {
        if (socketAddress == null || socketAddressLen < LinuxSocketAddress.InetSize)
            return (int)PalError.EFAULT;
        if (*(ushort*)socketAddress != LinuxSocketAddress.FamilyInet)
            return (int)PalError.EINVAL;
        *(uint*)(socketAddress + 4) = address;
        return (int)PalError.SUCCESS;
    }

    [RuntimeExport("SystemNative_GetIPv6Address")]
    public static int GetIPv6Address(byte* socketAddress, int socketAddressLen, byte* address, int addressLen, uint* scopeId)
    {
        if (socketAddress == null || address == null || scopeId == null || socketAddressLen < LinuxSocketAddress.Inet6Size || addressLen < 16)
            return (int)PalError.EFAULT;
        if (*(ushort*)socketAddress != LinuxSocketAddress.FamilyInet6)
            return (int)PalError.EINVAL;
        new ReadOnlySpan<byte>(socketAddress + 8, 16).CopyTo(new Span<byte>(address, 16));
        *scopeId = *(uint*)(socketAddress + 24);
        return (int)PalError.SUCCESS;
    }

    [RuntimeExport("SystemNative_SetIPv6Address")]
    public static int SetIPv6Address(byte* socketAddress, int socketAddressLen, byte* address, int addressLen, uint scopeId)
    {
        if (socketAddress == null || address == null || socketAddressLen < LinuxSocketAddress.Inet6Size || addressLen < 16)
            return (int)PalError.EFAULT;
        if (*(ushort*)socketAddress != LinuxSocketAddress.FamilyInet6)
            return (int)PalError.EINVAL;
        new ReadOnlySpan<byte>(address, 16).CopyTo(new Span<byte>(socketAddress + 8, 16));
        *(uint*)(socketAddress + 24) = scopeId;
        return (int)PalError.SUCCESS;
    }

    private static int CheckPortFamily(byte* socketAddress, int socketAddressLen)
    {
        if (socketAddressLen < 2)
            return (int)PalError.EFAULT;
        return *(ushort*)socketAddress switch
        {
            LinuxSocketAddress.FamilyInet => socketAddressLen < LinuxSocketAddress.InetSize ? (int)PalError.EFAULT : 0,
            LinuxSocketAddress.FamilyInet6 => socketAddressLen < LinuxSocketAddress.Inet6Size ? (int)PalError.EFAULT : 0,
            _ => (int)PalError.EAFNOSUPPORT,
        };
    }
}
