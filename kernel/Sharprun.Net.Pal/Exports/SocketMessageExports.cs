using System;
using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Addressing;
using Sharprun.Net.Pal.Native;
using Sharprun.Net.Pal.Sockets;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Exports;

/// <summary>
/// sendmsg/recvmsg over MessageHeader: gather and scatter through the I/O vectors (copied through one buffer, as
/// the stack takes one span), with the peer's address; no control messages are produced (ControlBufferLen 0).
/// </summary>
internal static unsafe class SocketMessageExports
{
    [RuntimeExport("SystemNative_SendMessage")]
    public static int SendMessage(nint fd, MessageHeader* messageHeader, int flags, long* sent)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (messageHeader == null || sent == null || !TryTotalLength(messageHeader, out int total))
            return (int)PalError.EFAULT;
        *sent = 0;
        if (!SocketFlags.TryRead(flags, out bool peek, out bool dontWait) || peek)
            return (int)PalError.ENOTSUP;
        IpEndpoint? to = null;
        if (messageHeader->SocketAddress != null && messageHeader->SocketAddressLen > 0)
        {
            LinuxErrno invalid = LinuxSocketAddress.TryRead(new ReadOnlySpan<byte>(messageHeader->SocketAddress, messageHeader->SocketAddressLen), socket.Socket.IsV6, out IpEndpoint endpoint);
            if (invalid != 0)
                return SocketDescriptors.ToPal(invalid);
            to = endpoint;
        }
        byte[] data = new byte[total];
        int offset = 0;
        for (int i = 0; i < messageHeader->IOVectorCount; i++)
        {
            IOVector vector = messageHeader->IOVectors[i];
            new ReadOnlySpan<byte>(vector.Base, (int)vector.Count).CopyTo(data.AsSpan(offset));
            offset += (int)vector.Count;
        }
        NetError result = socket.Send(data, to, dontWait, out int count);
        *sent = count;
        return SocketDescriptors.ToPal(result);
    }

    [RuntimeExport("SystemNative_ReceiveMessage")]
    public static int ReceiveMessage(nint fd, MessageHeader* messageHeader, int flags, long* received)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (messageHeader == null || received == null || !TryTotalLength(messageHeader, out int total))
            return (int)PalError.EFAULT;
        *received = 0;
        if (!SocketFlags.TryRead(flags, out bool peek, out bool dontWait))
            return (int)PalError.ENOTSUP;
        byte[] data = new byte[total];
        NetError result = socket.Receive(data, peek, dontWait, out int count, out IpEndpoint from, out bool truncated);
        if (result != NetError.Success)
            return SocketDescriptors.ToPal(result);
        int offset = 0;
        for (int i = 0; i < messageHeader->IOVectorCount && offset < count; i++)
        {
            IOVector vector = messageHeader->IOVectors[i];
            int part = Math.Min((int)vector.Count, count - offset);
            data.AsSpan(offset, part).CopyTo(new Span<byte>(vector.Base, part));
            offset += part;
        }
        if (messageHeader->SocketAddress != null && messageHeader->SocketAddressLen > 0)
        {
            int length = messageHeader->SocketAddressLen;
            SocketExports.WriteAddress(from, socket.Socket.IsV6, messageHeader->SocketAddress, &length);
            messageHeader->SocketAddressLen = length;
        }
        messageHeader->ControlBufferLen = 0;
        messageHeader->Flags = truncated ? SocketFlags.Truncated : 0;
        *received = count;
        return 0;
    }

    /// <summary>CMSG_SPACE(sizeof(in_pktinfo)) and CMSG_SPACE(sizeof(in6_pktinfo)) on Linux x86-64.</summary>
    [RuntimeExport("SystemNative_GetControlMessageBufferSize")]
    public static int GetControlMessageBufferSize(int isIPv4, int isIPv6) => (isIPv4 != 0 ? 32 : 0) + (isIPv6 != 0 ? 40 : 0);

    /// <summary>No control message is ever delivered (IP_PKTINFO is refused), so there is never packet information.</summary>
    [RuntimeExport("SystemNative_TryGetIPPacketInformation")]
    public static int TryGetIPPacketInformation(MessageHeader* messageHeader, int isIPv4, void* packetInfo) => 0;

    [RuntimeExport("SystemNative_PlatformSupportsDualModeIPv4PacketInfo")]
    public static int PlatformSupportsDualModeIPv4PacketInfo() => 1;

    private static bool TryTotalLength(MessageHeader* header, out int total)
    {
        total = 0;
        if (header->IOVectorCount < 0 || (header->IOVectors == null && header->IOVectorCount > 0))
            return false;
        long sum = 0;
        for (int i = 0; i < header->IOVectorCount; i++)
        {
            IOVector vector = header->IOVectors[i];
            if (vector.Base == null && vector.Count > 0)
                return false;
            sum += (long)vector.Count;
            if (sum > int.MaxValue)
                return false;
        }
        total = (int)sum;
        return true;
    }
}
