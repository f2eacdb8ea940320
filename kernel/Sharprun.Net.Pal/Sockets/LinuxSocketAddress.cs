using System;
using System.Buffers.Binary;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Pal.Sockets;

/// <summary>
/// Linux's struct sockaddr_in (16 bytes) and sockaddr_in6 (28 bytes), which CoreLib builds and reads through the
/// address helpers: family in host order, port and address in network order. Outside input: every length and
/// family is checked.
/// </summary>
internal static class LinuxSocketAddress
{
    public const ushort FamilyUnspecified = 0;
    public const ushort FamilyUnix = 1;
    public const ushort FamilyInet = 2;
    public const ushort FamilyInet6 = 10;
    public const int InetSize = 16;
    public const int Inet6Size = 28;
    public const int UnixSize = 110;
    /// <summary>sizeof(struct sockaddr_storage).</summary>
    public const int StorageSize = 128;

    public static bool TryReadFamily(ReadOnlySpan<byte> address, out ushort family)
    {
        family = 0;
        if (address.Length < 2)
            return false;
        family = BinaryPrimitives.ReadUInt16LittleEndian(address);
        return true;
    }

    /// <summary>
    /// The endpoint of a sockaddr given to bind/connect/sendto by a socket of <paramref name="socketIsV6"/>; EINVAL
    /// for a short address, EAFNOSUPPORT for a family the socket cannot use.
    /// </summary>
    public static LinuxErrno TryRead(ReadOnlySpan<byte> address, bool socketIsV6, out IpEndpoint endpoint)
    {
        endpoint = default;
        if (!TryReadFamily(address, out ushort family))
            return LinuxErrno.EINVAL;
        switch (family)
        {
            case FamilyInet:
                if (address.Length < InetSize)
                    return LinuxErrno.EINVAL;
                // An AF_INET6 socket refuses AF_INET addresses, as Linux does (dual-stack uses v4-mapped ones).
                if (socketIsV6)
                    return LinuxErrno.EAFNOSUPPORT;
                endpoint = new IpEndpoint(IpAddress.Read(address.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(address[2..]));
                return 0;
            case FamilyInet6:
                if (address.Length < Inet6Size)
                    return LinuxErrno.EINVAL;
                if (!socketIsV6)
                    return LinuxErrno.EAFNOSUPPORT;
                endpoint = new IpEndpoint(IpAddress.Read(address.Slice(8, 16)), BinaryPrimitives.ReadUInt16BigEndian(address[2..]));
                return 0;
            default:
                return LinuxErrno.EAFNOSUPPORT;
        }
    }

    /// <summary>Writes <paramref name="endpoint"/> as the socket's family reports it; returns the full size (which may exceed the buffer: truncated, as Linux does).</summary>
    public static int Write(IpEndpoint endpoint, bool socketIsV6, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[Inet6Size];
        full.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(full[2..], endpoint.Port);
        int size;
        if (socketIsV6)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(full, FamilyInet6);
            endpoint.Address.WriteV6(full.Slice(8, 16));
            size = Inet6Size;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(full, FamilyInet);
            endpoint.Address.Write(full.Slice(4, 4));
            size = InetSize;
        }
        full[..Math.Min(size, destination.Length)].CopyTo(destination);
        return size;
    }
}
