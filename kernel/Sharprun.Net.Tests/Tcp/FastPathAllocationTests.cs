using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tcp;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace Sharprun.Net.Tests.Tcp;

/// <summary>The bulk-transfer fast path, over an in-memory link that recycles its buffers: no allocation per segment.</summary>
public class FastPathAllocationTests(ITestOutputHelper output)
{
    private sealed class LeanNetwork(VirtualClock clock, IpAddress local, Queue<(byte[] Buffer, int Length, IpAddress Source, IpAddress Destination, LeanNetwork To)> queue) : ITcpNetwork
    {
        public LeanNetwork? Peer;
        public TcpLayer? Layer;
        private readonly Stack<byte[]> _pool = new();
        public ulong NowNanoseconds => clock.Now;
        public bool TrySend(IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment)
        {
            var buffer = _pool.Count > 0 ? _pool.Pop() : new byte[66000];
            segment.CopyTo(buffer);
            queue.Enqueue((buffer, segment.Length, source, destination, Peer!));
            return true;
        }
        public void Return(byte[] buffer) => _pool.Push(buffer);
        public bool TryRoute(IpAddress destination, out IpAddress source, out int mtu) { source = local; mtu = 1500; return true; }
        public void RequestWake() { }
        public void PulseWaiters() { }
    }

    [Fact]
    public void BulkTransferAllocatesNothingPerSegmentOnceWarm()
    {
        var clock = new VirtualClock();
        var queue = new Queue<(byte[] Buffer, int Length, IpAddress Source, IpAddress Destination, LeanNetwork To)>();
        var na = new LeanNetwork(clock, TcpTestBed.AddressA, queue);
        var nb = new LeanNetwork(clock, TcpTestBed.AddressB, queue);
        na.Peer = nb; nb.Peer = na;
        var a = new TcpLayer(na); var b = new TcpLayer(nb);
        na.Layer = a; nb.Layer = b;
        var listener = b.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80)); listener.Listen(4);
        var client = a.CreateSocket(false);
        client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
        void Pump()
        {
            while (queue.TryDequeue(out var item))
            {
                item.To.Layer!.Deliver(item.Source, item.Destination, item.Buffer.AsSpan(0, item.Length));
                (item.To.Peer!).Return(item.Buffer);
            }
            clock.Now += 10_000;
            a.RunTimers(); b.RunTimers();
        }
        Pump();
        Assert.Equal(NetError.Success, listener.Accept(out var server));
        var chunk = new byte[65536];
        var sink = new byte[65536];
        long sent = 0, received = 0;
        void Transfer(long total)
        {
            while (received < total)
            {
                while (sent < total && client.Send(chunk, null, out int n) == NetError.Success)
                {
                    sent += n;
                    if (n < chunk.Length)
                        break;
                }
                Pump();
                while (server!.Receive(sink, false, out int r, out _, out _) == NetError.Success && r > 0)
                    received += r;
            }
        }
        Transfer(16L << 20);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        Transfer(80L << 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"64 MiB in {stopwatch.ElapsedMilliseconds} ms ({64 / stopwatch.Elapsed.TotalSeconds:F0} MiB/s), {allocated} bytes allocated");
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated for ~46k segments");
    }
}
