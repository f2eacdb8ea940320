using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using static Sharprun.Toolchain.Benchmarks.NoteText;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Networking under QEMU TCG, through QEMU's user network and ports forwarded from 127.0.0.1, measured on the
/// host. Three programs from Benchmarks/Programs run in Sharprun's image and, published with NativeAOT for
/// linux-x64, in the Linux guest, both with one CPU, the same memory and the same virtio-net NIC with a static
/// address: an HttpListener server and a raw-socket HTTP responder, each loaded by wrk (requests per second,
/// latency percentiles), and tcpbulk (bulk TCP each way, UDP echo round trips). Each server's boot also gives
/// the time from QEMU's start to the first HTTP 200 the host gets. BenchmarkResult's ratio is "lower is better",
/// so request rates are rows of time per request (1 / requests per second) and bulk rates rows of transfer time.
/// When the Linux guest is measured but Sharprun's image is not (it cannot be built, or does not serve), the
/// Linux figures still go into the notes, the rows that have both figures into the table, and the section is
/// reported incomplete with the image's reason.
/// </summary>
public static class NetBenchmark
{
    public const int GuestMemoryMiB = 256;
    public const int WrkConnections = 10;
    public const int BulkMiB = 64;
    public const int UdpEchoes = 200;

    /// <summary>Issue 13's targets: at least 1.5× the Linux guest's request rate, a p99 latency at most its, bulk TCP at least its speed.</summary>
    public const double TargetRequestRate = 1.5;

    public static readonly TimeSpan WrkWarmUp = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan WrkDuration = TimeSpan.FromSeconds(10);

    /// <summary>wrk counts a connection closed under it as a socket error; a few at most are tolerated.</summary>
    private const double ToleratedSocketErrors = 0.01;

    private const int HttpPort = 8080;
    private const int BulkPort = 7000;
    private const int EchoPort = 7001;
    private const int UdpWarmUpEchoes = 20;

    private static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private static readonly (string Program, string Title)[] HttpServers = [("httplistener", "HttpListener"), ("rawhttp", "raw async Socket")];

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string qemu = HostExecutable.Locate("qemu-system-x86_64", "apt-get install qemu-system-x86");
        var wrk = WrkLoad.Locate();
        string programs = Path.Combine(workspace.Layout.Root, "toolchain", "Sharprun.Toolchain", "Benchmarks", "Programs");
        var http = HttpServers.Select(server => new Contestants(workspace, qemu, Path.Combine(programs, server.Program))).ToList();
        var bulk = new Contestants(workspace, qemu, Path.Combine(programs, "tcpbulk"));

        var rounds = workspace.Rounds("net", () =>
        (
            Http: http.Select(c => (Ours: c.Ours(g => MeasureHttp(g, wrk)), Theirs: MeasureHttp(c.Linux(), wrk))).ToList(),
            Bulk: (Ours: bulk.Ours(MeasureBulk), Theirs: MeasureBulk(bulk.Linux()))
        ));

        string referenceName = $"NativeAOT linux-x64 in {http[0].LinuxName}";
        notes.Add($"net: programs toolchain/Sharprun.Toolchain/Benchmarks/Programs/{{{string.Join(',', HttpServers.Select(s => s.Program))},tcpbulk}}, both guests with -m {GuestMemoryMiB}, " +
                  $"one CPU, the same virtio-net-pci NIC on QEMU's user network with a static 10.0.2.15/24 (Linux: Debian's virtio_net modules and busybox ip in /init; " +
                  "Sharprun: net.ip=, net.gateway=), ports forwarded from 127.0.0.1; " +
                  Invariant($"HTTP: wrk -t1 -c{WrkConnections} -d{WrkDuration.TotalSeconds:0}s --latency after a {WrkWarmUp.TotalSeconds:0} s wrk warm-up in the same boot; ") +
                  Invariant($"TCP: {BulkMiB} MiB each way on one connection, timed on the host to the last byte (to the guest: to its confirmation); ") +
                  Invariant($"UDP: median of {UdpEchoes} echoes of 32 bytes, one at a time, after {UdpWarmUpEchoes}; boot: QEMU start to the first HTTP 200 the host gets, polled every 20 ms once the server printed 'listening'"));

        var results = new List<BenchmarkResult>();
        var missing = new List<string>();
        for (int i = 0; i < HttpServers.Length; i++)
        {
            string title = HttpServers[i].Title;
            var theirs = rounds.Select(r => r.Http[i].Theirs).ToList();
            var ours = Measured(rounds.Select(r => r.Http[i].Ours), $"{HttpServers[i].Program} image", missing);
            notes.Add($"net: {title}, requests/s per run: Sharprun {(ours is null ? "not measured" : Runs(ours, h => h.Report.RequestsPerSecond, "0"))}, " +
                      $"Linux {Runs(theirs, h => h.Report.RequestsPerSecond, "0")}; p99 ms: Sharprun {(ours is null ? "not measured" : Runs(ours, h => h.Report.P99Milliseconds, "0.00"))}, " +
                      $"Linux {Runs(theirs, h => h.Report.P99Milliseconds, "0.00")}; wrk socket errors: Sharprun {(ours is null ? "-" : Runs(ours, h => h.Report.SocketErrors, "0"))}, " +
                      $"Linux {Runs(theirs, h => h.Report.SocketErrors, "0")}; boot to first 200 (s): Sharprun {(ours is null ? "-" : Runs(ours, h => h.FirstAnswer.TotalSeconds, "0.000"))}, " +
                      $"Linux {Runs(theirs, h => h.FirstAnswer.TotalSeconds, "0.000")}");
            if (ours is null)
                continue;
            string load = Invariant($"wrk -t1 -c{WrkConnections} -d{WrkDuration.TotalSeconds:0}s");
            results.Add(new("net", Invariant($"HTTP GET / keep-alive, {title} ({load}): time per request, 1 / requests per second (target ≥ {TargetRequestRate:0.0}× the rate)"),
                Quantity.Microseconds(Median.Of(ours.Select(h => 1e6 / h.Report.RequestsPerSecond))), referenceName,
                Quantity.Microseconds(Median.Of(theirs.Select(h => 1e6 / h.Report.RequestsPerSecond))), 1 / TargetRequestRate));
            results.Add(new("net", $"HTTP GET / keep-alive, {title} ({load}): p99 latency", Quantity.Milliseconds(Median.Of(ours.Select(h => h.Report.P99Milliseconds))),
                referenceName, Quantity.Milliseconds(Median.Of(theirs.Select(h => h.Report.P99Milliseconds))), 1.0));
            results.Add(new("net", $"HTTP GET / keep-alive, {title} ({load}): p50 latency", Quantity.Milliseconds(Median.Of(ours.Select(h => h.Report.P50Milliseconds))),
                referenceName, Quantity.Milliseconds(Median.Of(theirs.Select(h => h.Report.P50Milliseconds))), null));
            results.Add(new("net", $"boot, QEMU start → first HTTP 200 on the host ({title})", Quantity.Seconds(Median.Of(ours.Select(h => h.FirstAnswer.TotalSeconds))),
                referenceName, Quantity.Seconds(Median.Of(theirs.Select(h => h.FirstAnswer.TotalSeconds))), null));
        }

        var theirBulk = rounds.Select(r => r.Bulk.Theirs).ToList();
        var ourBulk = Measured(rounds.Select(r => r.Bulk.Ours), "tcpbulk image", missing);
        notes.Add(Invariant($"net: TCP MB/s per run, host → guest: Sharprun {(ourBulk is null ? "not measured" : Runs(ourBulk, b => Rate(b.ToGuest), "0.0"))}, Linux {Runs(theirBulk, b => Rate(b.ToGuest), "0.0")}; ") +
                  Invariant($"guest → host: Sharprun {(ourBulk is null ? "not measured" : Runs(ourBulk, b => Rate(b.FromGuest), "0.0"))}, Linux {Runs(theirBulk, b => Rate(b.FromGuest), "0.0")}; ") +
                  Invariant($"UDP datagrams lost: Sharprun {(ourBulk is null ? "-" : Runs(ourBulk, b => b.Lost, "0"))}, Linux {Runs(theirBulk, b => b.Lost, "0")}"));
        if (ourBulk is not null)
        {
            results.Add(new("net", $"TCP bulk, {BulkMiB} MiB host → guest (target ≥ 1× the speed)", Quantity.Seconds(Median.Of(ourBulk.Select(b => b.ToGuest.TotalSeconds))),
                referenceName, Quantity.Seconds(Median.Of(theirBulk.Select(b => b.ToGuest.TotalSeconds))), 1.0));
            results.Add(new("net", $"TCP bulk, {BulkMiB} MiB guest → host (target ≥ 1× the speed)", Quantity.Seconds(Median.Of(ourBulk.Select(b => b.FromGuest.TotalSeconds))),
                referenceName, Quantity.Seconds(Median.Of(theirBulk.Select(b => b.FromGuest.TotalSeconds))), 1.0));
            results.Add(new("net", $"UDP echo round trip, median of {UdpEchoes}", Quantity.Microseconds(Median.Of(ourBulk.Select(b => b.UdpMedianMicroseconds))),
                referenceName, Quantity.Microseconds(Median.Of(theirBulk.Select(b => b.UdpMedianMicroseconds))), null));
        }
        if (missing.Count > 0)
            throw new IncompleteSectionException($"Sharprun's rows are missing: {string.Join("; ", missing)}", results);
        return results;
    }

    private sealed record HttpFigures(WrkReport Report, TimeSpan FirstAnswer);

    private sealed record BulkFigures(TimeSpan ToGuest, TimeSpan FromGuest, double UdpMedianMicroseconds, int Lost);

    /// <summary>
    /// A boot of a server: wait for its readiness line, poll for its first answer, warm up, load, quit. The poll starts
    /// at the readiness line because .NET 10's HttpListener.Start, on Linux as here, throws when a connection is
    /// already waiting as it starts (HttpEndPointListener's constructor accepts it synchronously and locks a set it
    /// has not created yet): a probe racing the start would measure that bug, not the boot.
    /// </summary>
    private static HttpFigures MeasureHttp(Booted booted, WrkLoad wrk)
    {
        using var guest = booted.Guest;
        guest.WaitForLine("listening", ServeTimeout);
        var firstAnswer = HostHttpProbe.FirstAnswer(guest, booted.HostPort(HttpPort), ServeTimeout);
        wrk.Run(booted.HostPort(HttpPort), WrkConnections, WrkWarmUp, guest.Name);
        var report = wrk.Run(booted.HostPort(HttpPort), WrkConnections, WrkDuration, guest.Name);
        report.Check(guest.Name, ToleratedSocketErrors);
        HostHttpProbe.Quit(guest, booted.HostPort(HttpPort));
        guest.WaitForCleanExit(ExitTimeout);
        return new HttpFigures(report, firstAnswer);
    }

    private static BulkFigures MeasureBulk(Booted booted)
    {
        using var guest = booted.Guest;
        guest.WaitForLine("listening", ServeTimeout);
        long bytes = (long)BulkMiB << 20;
        var toGuest = TcpBulkClient.ToGuest(booted.HostPort(BulkPort), bytes, guest.Name);
        var fromGuest = TcpBulkClient.FromGuest(booted.HostPort(BulkPort), bytes, guest.Name);
        UdpEchoClient.RoundTrips(booted.HostPort(EchoPort, udp: true), UdpWarmUpEchoes, guest.Name);
        var (echoes, lost) = UdpEchoClient.RoundTrips(booted.HostPort(EchoPort, udp: true), UdpEchoes, guest.Name);
        TcpBulkClient.Quit(booted.HostPort(BulkPort));
        guest.WaitForCleanExit(ExitTimeout);
        return new BulkFigures(toGuest, fromGuest, Median.Of(echoes), lost);
    }

    private static double Rate(TimeSpan time) => BulkMiB * 1048576.0 / 1e6 / time.TotalSeconds;

    /// <summary>The figures of every round, or null (and the first round's reason added to <paramref name="missing"/>) when a round failed.</summary>
    private static List<T>? Measured<T>(IEnumerable<(T? Figures, string? Failure)> rounds, string what, List<string> missing) where T : class
    {
        var all = rounds.ToList();
        if (all.FirstOrDefault(r => r.Failure is not null).Failure is { } failure)
        {
            missing.Add($"{what}: {failure}");
            return null;
        }
        return all.Select(r => r.Figures!).ToList();
    }

    /// <summary>A guest just started, with the host ports forwarded to its guest ports.</summary>
    private sealed record Booted(ServingGuest Guest, IReadOnlyList<PublishedPort> Ports)
    {
        public int HostPort(int guestPort, bool udp = false) => Ports.Single(p => p.GuestPort == guestPort && p.Udp == udp).HostPort;
    }

    /// <summary>One program ready for both guests: its Linux guest always, its image unless the build failed (then the reason).</summary>
    private sealed class Contestants
    {
        private readonly string _qemu;
        private readonly ComparedProgram _program;
        private readonly BootGuest _linux;
        private readonly string? _buildFailure;

        public Contestants(BenchmarkWorkspace workspace, string qemu, string projectDirectory)
        {
            _qemu = qemu;
            _program = ComparedProgram.PrepareReference(workspace, projectDirectory);
            _linux = _program.InLinux("linux-net", [], GuestMemoryMiB, ServeTimeout, network: true);
            try
            {
                _program.BuildImage();
            }
            catch (ToolchainException e)
            {
                _buildFailure = "the image could not be built: " + e.Message;
            }
        }

        public string LinuxName => _linux.Name;

        public Booted Linux()
        {
            var network = Network(_program.Name);
            return new Booted(new LinuxServingGuest(_qemu, _linux, network), network.Ports);
        }

        /// <summary>Measures the image, or says why it could not be measured; the Linux guest's figures do not wait on it.</summary>
        public (T? Figures, string? Failure) Ours<T>(Func<Booted, T> measure) where T : class
        {
            if (_buildFailure is not null)
                return (null, _buildFailure);
            var network = Network(_program.Name);
            try
            {
                return (measure(new Booted(new SharprunServingGuest($"Sharprun {_program.Name} image", _program.Image, GuestMemoryMiB, ServeTimeout + ExitTimeout, network), network.Ports)), null);
            }
            catch (ToolchainException e)
            {
                return (null, e.Message);
            }
        }

        /// <summary>QEMU's user network with fresh host ports forwarded to the program's ports, and the static address the Linux guest's /init gives itself.</summary>
        private static GuestNetwork Network(string program)
        {
            PublishedPort Forward(int guestPort, bool udp) => new(IPAddress.Loopback, LoopbackPort.Free(udp), guestPort, udp);
            IReadOnlyList<PublishedPort> ports = program == "tcpbulk" ? [Forward(BulkPort, false), Forward(EchoPort, true)] : [Forward(HttpPort, false)];
            return new GuestNetwork(NetworkMode.User, null, ports, LinuxNetworkSetup.UserNetworkAddress, IPAddress.Parse(LinuxNetworkSetup.UserNetworkGateway), []);
        }
    }
}
