using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Sharprun.Net.Addressing;
using Sharprun.Net.Dns;
using Sharprun.Net.Pal.Native;
using Sharprun.Net.Pal.Sockets;
using Sharprun.Net.Pal.Stack;

namespace Sharprun.Net.Pal.Exports;

/// <summary>
/// getaddrinfo/getnameinfo as pal_networking.c wraps them, over the stack's stub resolver (which answers
/// "localhost" and literals itself and asks the configured servers otherwise). Results use GetAddrInfoErrorFlags.
/// </summary>
internal static unsafe class NameResolutionExports
{
    private const int Success = 0;
    private const int TryAgain = 1;
    private const int Failure = 3;
    private const int BadFamily = 4;
    private const int NoName = 5;
    private const int BadArgument = 6;
    private const int OutOfMemory = 8;

    private const int NameRequired = 0x1;
    private const int NumericHost = 0x2;

    [RuntimeExport("SystemNative_GetHostEntryForName")]
    public static int GetHostEntryForName(byte* address, int addressFamily, HostEntry* entry)
    {
        if (address == null || entry == null)
            return BadArgument;
        *entry = default;
        DnsFamily? family = addressFamily switch
        {
            PalAddressFamily.Unspecified => DnsFamily.Any,
            PalAddressFamily.InterNetwork => DnsFamily.V4,
            PalAddressFamily.InterNetworkV6 => DnsFamily.V6,
            _ => null,
        };
        if (family == null)
            return BadFamily;
        string name = Marshal.PtrToStringUTF8((nint)address) ?? "";

        var stack = KernelNetwork.Stack;
        DnsQuery query;
        lock (stack.Sync)
        {
            query = stack.Resolver.Begin(name, family.Value);
            while (!query.IsComplete)
                Monitor.Wait(stack.Sync);
        }
        switch (query.Error)
        {
            case DnsError.None:
                break;
            case DnsError.NameNotFound or DnsError.NoData or DnsError.InvalidName:
                return NoName;
            case DnsError.TimedOut or DnsError.ServerFailure or DnsError.NoServers:
                return TryAgain;
            default:
                return Failure;
        }
        return Fill(entry, query.CanonicalName, query.Addresses) ? Success : OutOfMemory;
    }

    [RuntimeExport("SystemNative_FreeHostEntry")]
    public static void FreeHostEntry(HostEntry* entry)
    {
        if (entry == null)
            return;
        NativeMemory.Free(entry->CanonicalName);
        NativeMemory.Free(entry->IPAddressList);
        *entry = default;
    }

    /// <summary>
    /// The name of an address: "localhost" for the loopback, else (no reverse DNS yet) the numeric form, which
    /// getnameinfo also falls back to without NI_NAMEREQD.
    /// </summary>
    [RuntimeExport("SystemNative_GetNameInfo")]
    public static int GetNameInfo(byte* address, int addressLength, sbyte isIPv6, byte* host, int hostLength, byte* service, int serviceLength, int flags)
    {
        if (address == null || addressLength != (isIPv6 != 0 ? 16 : 4) || (host == null && service == null))
            return BadArgument;
        var ip = IpAddress.Read(new ReadOnlySpan<byte>(address, addressLength));
        if (service != null && serviceLength > 0)
            *service = 0;
        if (host == null)
            return Success;
        string name;
        if ((flags & NumericHost) != 0)
            name = ip.ToString();
        else if (ip.IsLoopback)
            name = "localhost";
        else if ((flags & NameRequired) != 0)
            return NoName;
        else
            name = ip.ToString();
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length + 1 > hostLength)
            return OverflowResult;
        bytes.CopyTo(new Span<byte>(host, hostLength));
        host[bytes.Length] = 0;
        return Success;
    }

    /// <summary>EAI_OVERFLOW has no PAL value; pal_networking.c reports it as a bad argument.</summary>
    private const int OverflowResult = BadArgument;

    private static bool Fill(HostEntry* entry, string canonicalName, IReadOnlyList<IpAddress> addresses)
    {
        byte[] name = Encoding.UTF8.GetBytes(canonicalName);
        byte* canonical = (byte*)NativeMemory.Alloc((nuint)name.Length + 1);
        PalIPAddress* list = (PalIPAddress*)NativeMemory.AllocZeroed((nuint)Math.Max(addresses.Count, 1), (nuint)sizeof(PalIPAddress));
        if (canonical == null || list == null)
        {
            NativeMemory.Free(canonical);
            NativeMemory.Free(list);
            return false;
        }
        name.CopyTo(new Span<byte>(canonical, name.Length));
        canonical[name.Length] = 0;
        int count = 0;
        foreach (IpAddress address in addresses.Distinct())
        {
            PalIPAddress* slot = &list[count++];
            slot->IsIPv6 = address.IsV4 ? 0u : 1u;
            address.Write(new Span<byte>(slot->Address, 16));
        }
        entry->CanonicalName = canonical;
        entry->Aliases = null;
        entry->IPAddressList = list;
        entry->IPAddressCount = count;
        return true;
    }
}
