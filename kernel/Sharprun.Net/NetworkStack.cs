using Sharprun.Net.Addressing;
using Sharprun.Net.Dhcp;
using Sharprun.Net.Dns;
using Sharprun.Net.Icmp;
using Sharprun.Net.Igmp;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;
using Sharprun.Net.Links;
using Sharprun.Net.Neighbours;
using Sharprun.Net.Sockets;
using Sharprun.Net.Udp;

namespace Sharprun.Net;

/// <summary>
/// The TCP/IP stack of one kernel: its interfaces, routes, sockets and resolver. Every public member (and every
/// member of its sockets) is called with <see cref="Sync"/> held, from any thread; nothing here blocks. The network
/// thread calls <see cref="Poll"/> and sleeps until the deadline it returns or <see cref="WakeRequested"/>.
/// </summary>
public sealed class NetworkStack
{
    /// <summary>Frames taken from one device per Poll, so one busy device cannot starve timers and the others.</summary>
    public const int ReceiveBudget = 256;

    private readonly List<NetworkInterface> _interfaces = [];
    private readonly List<IpAddress> _solicit = [];
    private readonly INetworkClock _clock;
    private readonly INetworkLog? _log;
    private ulong _promisedDeadline;

    public NetworkStack(INetworkClock clock, INetworkLog? log = null, Random? random = null)
    {
        _clock = clock;
        _log = log;
        Random = random ?? new Random();
        Ethernet = new EthernetLayer(this);
        Arp = new ArpLayer(this);
        NeighbourDiscovery = new NeighbourDiscovery(this);
        Ipv4 = new Ipv4Layer(this);
        Ipv6 = new Ipv6Layer(this);
        Icmpv4 = new Icmpv4Layer(this);
        Icmpv6 = new Icmpv6Layer(this);
        Igmp = new IgmpLayer(this);
        Udp = new UdpLayer(this);
        Tcp = new TcpNetwork(this);
        Resolver = new DnsResolver(this);
        var loopback = new NetworkInterface(1, "lo", null, InterfaceConfiguration.Loopback);
        loopback.SetIpv4(IpAddress.LoopbackV4, 8, null, []);
        loopback.AddIpv6(IpAddress.LoopbackV6);
        _interfaces.Add(loopback);
        Routes.Rebuild(_interfaces);
    }

    /// <summary>The one lock of the stack and its sockets; the PAL waits on it (Monitor.Wait) for readiness changes.</summary>
    public object Sync { get; } = new();

    /// <summary>"lo" first, then the devices in the order added.</summary>
    public IReadOnlyList<NetworkInterface> Interfaces => _interfaces;

    public NetworkInterface Loopback => _interfaces[0];

    /// <summary>The DNS servers of all interfaces, in interface order, without repeats.</summary>
    public IReadOnlyList<IpAddress> DnsServers => _interfaces.SelectMany(face => face.DnsServers).Distinct().ToList();

    public DnsResolver Resolver { get; }

    public NetworkStatistics Statistics { get; } = new();

    /// <summary>Echo replies received for <see cref="SendEcho"/>, IPv4 and IPv6.</summary>
    public EchoReplyLog EchoReplies { get; } = new();

    /// <summary>Called (lock held) when Poll must run before the deadline it last returned: loopback traffic, a timer armed by a socket call.</summary>
    public Action? WakeRequested { get; set; }

    /// <summary>Called under <see cref="Sync"/> with <see cref="DnsServers"/> whenever an interface's configuration changes them.</summary>
    public Action<IReadOnlyList<IpAddress>>? DnsServersChanged { get; set; }

    internal ulong Now => _clock.NowNanoseconds;
    internal Random Random { get; }
    /// <summary>Where transports build outgoing packets; used by one send at a time (the lock), never re-entered.</summary>
    internal byte[] TransmitBuffer { get; } = PacketBuffer.Allocate();
    internal RoutingTable Routes { get; } = new();
    internal LoopbackQueue LoopbackPackets { get; } = new();
    internal EthernetLayer Ethernet { get; }
    internal ArpLayer Arp { get; }
    internal NeighbourDiscovery NeighbourDiscovery { get; }
    internal Ipv4Layer Ipv4 { get; }
    internal Ipv6Layer Ipv6 { get; }
    internal Icmpv4Layer Icmpv4 { get; }
    internal Icmpv6Layer Icmpv6 { get; }
    internal IgmpLayer Igmp { get; }
    internal UdpLayer Udp { get; }
    internal TcpNetwork Tcp { get; }

    public NetworkInterface AddInterface(ILinkDevice device, InterfaceConfiguration configuration)
    {
        var face = new NetworkInterface(_interfaces.Count + 1, device.Name, device, configuration);
        _interfaces.Add(face);
        face.AddIpv6(NeighbourDiscovery.LinkLocalAddress(device.Mac));
        if (configuration.UsesDhcp)
            face.Dhcp = new DhcpClient(this, face);
        else
            AssignIpv4(face, configuration.Address, configuration.PrefixLength, configuration.Gateway, configuration.DnsServers, "static");
        Routes.Rebuild(_interfaces);
        if (configuration.Ipv6Autoconfiguration)
            NeighbourDiscovery.StartRouterSolicitation(face);
        RequestWake();
        return face;
    }

    public NetSocket CreateSocket(SocketKind kind, bool isV6) => kind switch
    {
        SocketKind.Udp => new UdpSocket(Udp, isV6),
        SocketKind.Tcp => Tcp.CreateSocket(isV6),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Sends an ICMP or ICMPv6 echo request (a ping); replies arrive in <see cref="EchoReplies"/>.</summary>
    public NetError SendEcho(IpAddress destination, ushort identifier, ushort sequence, ReadOnlySpan<byte> data) =>
        destination.IsV4 ? Icmpv4.SendEcho(destination, identifier, sequence, data) : Icmpv6.SendEcho(destination, identifier, sequence, data);

    /// <summary>
    /// Takes received frames, processes loopback traffic and runs timers; returns the next deadline (clock time, ns)
    /// or <see cref="ulong.MaxValue"/> when nothing is timed. Wakes the waiters on <see cref="Sync"/> when it did anything.
    /// </summary>
    public ulong Poll()
    {
        ulong now = Now;
        bool active = now >= _promisedDeadline;
        bool backlog = false;
        foreach (var face in _interfaces)
        {
            if (face.Device is not { } device)
                continue;
            int taken = 0;
            for (; taken < ReceiveBudget; taken++)
            {
                int length = device.Receive(face.ReceiveBuffer, out bool verified);
                if (length <= 0)
                    break;
                Statistics.FramesReceived++;
                try
                {
                    Ethernet.Input(face, face.ReceiveBuffer.AsSpan(0, Math.Min(length, face.ReceiveBuffer.Length)), verified);
                }
                catch (Exception)
                {
                    Statistics.Drop(DropReason.InternalFault);
                }
            }
            active |= taken > 0;
            backlog |= taken == ReceiveBudget;
        }
        // Only the packets queued before this pass: loopback replies to loopback traffic wait for the next one.
        for (int count = LoopbackPackets.Count; count > 0 && LoopbackPackets.TryDequeue(out byte[] buffer, out int length); count--)
        {
            active = true;
            try
            {
                var packet = buffer.AsSpan(0, length);
                if ((packet[0] >> 4) == 4)
                    Ipv4.Input(Loopback, packet, checksumVerified: true);
                else
                    Ipv6.Input(Loopback, packet, checksumVerified: true);
            }
            catch (Exception)
            {
                Statistics.Drop(DropReason.InternalFault);
            }
            LoopbackQueue.Return(buffer);
        }
        ulong deadline = RunTimers(now);
        if (backlog || LoopbackPackets.Count > 0)
            deadline = now;
        _promisedDeadline = deadline;
        if (active)
            Monitor.PulseAll(Sync);
        return deadline;
    }

    private ulong RunTimers(ulong now)
    {
        ulong deadline = Ipv4.RunTimers(now);
        foreach (var face in _interfaces)
        {
            if (face.IsLoopback)
                continue;
            _solicit.Clear();
            int dropped = face.Neighbours.RunTimers(now, _solicit);
            for (int i = 0; i < dropped; i++)
                Statistics.Drop(DropReason.NeighbourUnresolved);
            foreach (var address in _solicit)
                Ethernet.Solicit(face, address);
            deadline = Math.Min(deadline, face.Neighbours.NextDeadline);
            if (face.Dhcp is { } dhcp)
                deadline = Math.Min(deadline, dhcp.RunTimers(now));
            deadline = Math.Min(deadline, NeighbourDiscovery.RunTimers(face, now));
        }
        deadline = Math.Min(deadline, Resolver.RunTimers(now));
        deadline = Math.Min(deadline, Tcp.RunTimers());
        return deadline;
    }

    /// <summary>A component armed a timer: wake the network thread if it sleeps past it.</summary>
    internal void ArmTimer(ulong deadline)
    {
        if (deadline < _promisedDeadline)
        {
            _promisedDeadline = deadline;
            WakeRequested?.Invoke();
        }
    }

    internal void RequestWake()
    {
        _promisedDeadline = 0;
        WakeRequested?.Invoke();
    }

    internal void PulseWaiters() => Monitor.PulseAll(Sync);

    internal void Log(string line) => _log?.Write(line);

    /// <summary>Sends an IP packet built in <paramref name="buffer"/> out of <paramref name="face"/>, or round through the loopback queue.</summary>
    internal void TransmitIp(NetworkInterface face, byte[] buffer, int ipStart, int ipLength, IpAddress nextHop)
    {
        if (!face.IsLoopback)
        {
            Ethernet.Transmit(face, buffer, ipStart, ipLength, nextHop);
            return;
        }
        if (LoopbackPackets.TryEnqueue(buffer.AsSpan(ipStart, ipLength)))
            RequestWake();
        else
            Statistics.Drop(DropReason.LoopbackQueueFull);
    }

    /// <summary>Gives an interface its IPv4 configuration (null removes it), updates routes, announces and logs it.</summary>
    internal void AssignIpv4(NetworkInterface face, IpAddress? address, int prefixLength, IpAddress? gateway, IReadOnlyList<IpAddress> dnsServers, string origin)
    {
        var dnsBefore = DnsServers;
        face.SetIpv4(address, prefixLength, gateway, dnsServers);
        Routes.Rebuild(_interfaces);
        var dnsAfter = DnsServers;
        if (!dnsAfter.SequenceEqual(dnsBefore))
            DnsServersChanged?.Invoke(dnsAfter);
        if (address is null)
        {
            Log($"net: {face.Name} IPv4 address removed ({origin})");
            return;
        }
        Arp.Announce(face);
        string line = $"net: {face.Name} {address}/{prefixLength}";
        if (gateway is { } g)
            line += $" gateway {g}";
        if (dnsServers.Count > 0)
            line += $" dns {string.Join(' ', dnsServers)}";
        Log($"{line} ({origin})");
    }

    internal void RebuildRoutes() => Routes.Rebuild(_interfaces);
}
