using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Links;

namespace Sharprun.Net.Tests.Support;

/// <summary>Stacks on one bus and one virtual clock, and a loop that polls them and moves time to their next deadline.</summary>
internal sealed class TestNetwork
{
    public VirtualClock Clock { get; } = new();

    public EthernetBus Bus { get; }

    public List<NetworkStack> Stacks { get; } = [];

    public List<string> Log { get; } = [];

    public TestNetwork(int seed = 1) => Bus = new EthernetBus(seed);

    public static IpAddress V4(string text) => IpAddress.Read(System.Net.IPAddress.Parse(text).GetAddressBytes());

    public static IpAddress V6(string text) => IpAddress.Read(System.Net.IPAddress.Parse(text).GetAddressBytes());

    public NetworkStack AddStack(ulong mac, InterfaceConfiguration configuration, out NetworkInterface face, int mtu = 1500)
    {
        var stack = new NetworkStack(Clock, new ListLog(Log), new Random(Stacks.Count + 7));
        var port = Bus.AddPort($"eth0", new MacAddress(mac), mtu);
        lock (stack.Sync)
            face = stack.AddInterface(port, configuration);
        Stacks.Add(stack);
        return stack;
    }

    public NetworkStack AddStatic(ulong mac, string address, int prefix = 24, string? gateway = null, string? dns = null) =>
        AddStack(mac, InterfaceConfiguration.Static(V4(address), prefix, gateway is null ? null : V4(gateway), dns is null ? null : [V4(dns)]), out _);

    /// <summary>Polls every stack (and lets <paramref name="peers"/> answer) until quiet, checks the condition, then advances time.</summary>
    public bool RunUntil(Func<bool> condition, double seconds = 30, Action? peers = null)
    {
        ulong end = Clock.NowNanoseconds + (ulong)(seconds * 1e9);
        while (true)
        {
            ulong next = ulong.MaxValue;
            for (int round = 0; round < 10_000; round++)
            {
                peers?.Invoke();
                bool busy = false;
                next = ulong.MaxValue;
                foreach (var stack in Stacks)
                {
                    ulong deadline;
                    lock (stack.Sync)
                        deadline = stack.Poll();
                    next = Math.Min(next, deadline);
                    busy |= deadline <= Clock.NowNanoseconds;
                }
                busy |= Bus.Ports.Any(port => !port.Promiscuous && port.PendingReceive > 0);
                if (!busy)
                    break;
            }
            if (condition())
                return true;
            if (Clock.NowNanoseconds >= end)
                return false;
            ulong step = peers is null ? next : Math.Min(next, Clock.NowNanoseconds + 10 * VirtualClock.NanosecondsPerMillisecond);
            Clock.AdvanceTo(Math.Min(Math.Max(step, Clock.NowNanoseconds + VirtualClock.NanosecondsPerMillisecond), end));
        }
    }

    /// <summary>Runs for a stretch of virtual time, whatever happens.</summary>
    public void Run(double seconds, Action? peers = null) => RunUntil(() => false, seconds, peers);

    private sealed class ListLog(List<string> lines) : INetworkLog
    {
        public void Write(string line) => lines.Add(line);
    }
}
