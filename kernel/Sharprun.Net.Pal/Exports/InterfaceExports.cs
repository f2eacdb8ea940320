using System;
using System.Collections.Generic;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Pal.Native;
using Sharprun.Net.Pal.Stack;

namespace Sharprun.Net.Pal.Exports;

/// <summary>
/// getifaddrs as pal_interfaceaddresses.c presents it (NetworkInterface.GetAllNetworkInterfaces and
/// IPGlobalProperties), and if_nametoindex: "lo" first, then one entry per NIC.
/// </summary>
internal static unsafe class InterfaceExports
{
    private const ushort LoopbackHardware = 24;
    private const ushort EthernetHardware = 6;
    private const byte OperationalUp = 1;
    private const byte OperationalDown = 2;

    [RuntimeExport("SystemNative_GetNetworkInterfaces")]
    public static int GetNetworkInterfaces(int* interfaceCount, NetworkInterfaceInfo** interfaces, int* addressCount, IpAddressInfo** addressList)
    {
        if (interfaceCount == null || interfaces == null || addressCount == null || addressList == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        var snapshot = Snapshot();
        int addresses = 0;
        foreach (var face in snapshot)
            addresses += face.Addresses.Count;
        // One block, as the PAL allocates it: the caller frees only the interface list.
        nuint size = (nuint)(snapshot.Count * sizeof(NetworkInterfaceInfo) + addresses * sizeof(IpAddressInfo));
        byte* block = (byte*)NativeMemory.AllocZeroed(size == 0 ? 1 : size);
        if (block == null)
            return PalErrors.Fail(LinuxErrno.ENOMEM);
        var infos = (NetworkInterfaceInfo*)block;
        var ips = (IpAddressInfo*)(block + snapshot.Count * sizeof(NetworkInterfaceInfo));
        int next = 0;
        for (int i = 0; i < snapshot.Count; i++)
        {
            InterfaceSnapshot face = snapshot[i];
            NetworkInterfaceInfo* info = &infos[i];
            WriteName(face.Name, new Span<byte>(info->Name, 16));
            info->InterfaceIndex = (uint)face.Index;
            info->Mtu = face.Mtu;
            info->HardwareType = face.IsLoopback ? LoopbackHardware : EthernetHardware;
            info->OperationalState = face.IsUp ? OperationalUp : OperationalDown;
            info->SupportsMulticast = face.IsLoopback ? (byte)0 : (byte)1;
            if (!face.IsLoopback)
            {
                face.Mac.Write(new Span<byte>(info->AddressBytes, 6));
                info->NumAddressBytes = 6;
            }
            foreach ((IpAddress address, int prefix) in face.Addresses)
                WriteAddress(&ips[next++], face.Index, address, prefix);
        }
        *interfaceCount = snapshot.Count;
        *interfaces = infos;
        *addressCount = addresses;
        *addressList = ips;
        return 0;
    }

    [RuntimeExport("SystemNative_EnumerateInterfaceAddresses")]
    public static int EnumerateInterfaceAddresses(
        void* context,
        delegate* unmanaged<void*, byte*, IpAddressInfo*, void> onIpv4Found,
        delegate* unmanaged<void*, byte*, IpAddressInfo*, uint*, void> onIpv6Found,
        delegate* unmanaged<void*, byte*, LinkLayerAddressInfo*, void> onLinkLayerFound)
    {
        byte* name = stackalloc byte[16];
        foreach (InterfaceSnapshot face in Snapshot())
        {
            WriteName(face.Name, new Span<byte>(name, 16));
            foreach ((IpAddress address, int prefix) in face.Addresses)
            {
                IpAddressInfo info;
                WriteAddress(&info, face.Index, address, prefix);
                if (address.IsV4 && onIpv4Found != null)
                    onIpv4Found(context, name, &info);
                else if (!address.IsV4 && onIpv6Found != null)
                {
                    // Link-local addresses are scoped to their interface.
                    uint scope = (address.High >> 54) == 0x3FA ? (uint)face.Index : 0;
                    onIpv6Found(context, name, &info, &scope);
                }
            }
            if (!face.IsLoopback && onLinkLayerFound != null)
            {
                LinkLayerAddressInfo link = default;
                link.InterfaceIndex = (uint)face.Index;
                face.Mac.Write(new Span<byte>(link.AddressBytes, 6));
                link.NumAddressBytes = 6;
                link.HardwareType = EthernetHardware;
                onLinkLayerFound(context, name, &link);
            }
        }
        return 0;
    }

    [RuntimeExport("SystemNative_InterfaceNameToIndex")]
    public static uint InterfaceNameToIndex(byte* interfaceName)
    {
        if (interfaceName == null)
            return 0;
        string name = Marshal.PtrToStringUTF8((nint)interfaceName) ?? "";
        foreach (InterfaceSnapshot face in Snapshot())
        {
            if (face.Name == name)
                return (uint)face.Index;
        }
        PalErrors.SetError(LinuxErrno.ENODEV);
        return 0;
    }

    private static List<InterfaceSnapshot> Snapshot()
    {
        NetworkStack stack = KernelNetwork.Stack;
        var faces = new List<InterfaceSnapshot>();
        lock (stack.Sync)
        {
            foreach (NetworkInterface face in stack.Interfaces)
            {
                var addresses = new List<(IpAddress, int)>();
                if (face.Ipv4Address is { } v4)
                    addresses.Add((v4, face.Ipv4PrefixLength));
                foreach (IpAddress v6 in face.Ipv6Addresses)
                    addresses.Add((v6, v6.IsLoopback ? 128 : 64));
                faces.Add(new InterfaceSnapshot(face.Index, face.Name, face.IsLoopback, face.IsUp, face.Mtu, face.Mac, addresses));
            }
        }
        return faces;
    }

    private static void WriteName(string name, Span<byte> destination)
    {
        destination.Clear();
        int length = Encoding.UTF8.GetBytes(name.AsSpan(), destination[..15]);
        destination[length] = 0;
    }

    private static void WriteAddress(IpAddressInfo* info, int index, IpAddress address, int prefix)
    {
        *info = default;
        info->InterfaceIndex = (uint)index;
        info->NumAddressBytes = (byte)address.Write(new Span<byte>(info->AddressBytes, 16));
        info->PrefixLength = (byte)prefix;
    }

    private sealed record InterfaceSnapshot(int Index, string Name, bool IsLoopback, bool IsUp, int Mtu, Net.Links.MacAddress Mac, List<(IpAddress Address, int Prefix)> Addresses);
}
