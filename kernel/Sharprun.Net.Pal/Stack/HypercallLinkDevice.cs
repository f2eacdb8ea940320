using System;
using Sharprun.Hypercall;
using Sharprun.Net.Links;

namespace Sharprun.Net.Pal.Stack;

/// <summary>One NIC of the hypercall interface (virtio-net on bare metal, netfront on Xen) as the stack's link.</summary>
internal sealed unsafe class HypercallLinkDevice : ILinkDevice
{
    private readonly int _nic;

    public HypercallLinkDevice(int nic)
    {
        _nic = nic;
        Name = "eth" + nic;
        byte* mac = stackalloc byte[6];
        Hypercalls.GetNetworkMac(nic, mac);
        Mac = MacAddress.Read(new ReadOnlySpan<byte>(mac, 6));
        Mtu = Hypercalls.GetNetworkMtu(nic);
        OffloadsTransmitChecksum = Hypercalls.NetworkOffloadsTransmitChecksum(nic);
    }

    public string Name { get; }

    public MacAddress Mac { get; }

    public int Mtu { get; }

    public bool LinkUp => Hypercalls.IsNetworkLinkUp(_nic);

    public bool OffloadsTransmitChecksum { get; }

    public bool TryTransmit(ReadOnlySpan<byte> frame, TransmitChecksum checksum)
    {
        fixed (byte* bytes = frame)
            return Hypercalls.NetworkTransmit(_nic, bytes, frame.Length, checksum.IsRequested ? checksum.Start : -1, checksum.Offset);
    }

    public int Receive(Span<byte> buffer, out bool checksumVerified)
    {
        bool verified;
        int length;
        fixed (byte* bytes = buffer)
            length = Hypercalls.NetworkReceive(_nic, bytes, buffer.Length, &verified);
        checksumVerified = verified;
        return length;
    }
}
