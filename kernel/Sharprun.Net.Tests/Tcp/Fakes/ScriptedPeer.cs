using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tcp;
using Xunit;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>
/// A hand-driven remote end for packet-by-packet tests: the layer under test is 10.0.0.2 with a listener on port
/// 80, the peer is 10.0.0.1:40000 and writes every segment itself.
/// </summary>
internal sealed class ScriptedPeer
{
    public const ushort PeerPort = 40000, ServerPort = 80;
    public static readonly IpAddress PeerAddress = TcpTestBed.AddressA;
    public static readonly IpAddress LayerAddress = TcpTestBed.AddressB;

    public ScriptedPeer(TcpOptions? options = null)
    {
        Network = new FakeTcpNetwork(Clock, LayerAddress);
        Layer = new TcpLayer(Network, options ?? TcpTestBed.FastOptions());
    }

    public VirtualClock Clock { get; } = new();
    public FakeTcpNetwork Network { get; }
    public TcpLayer Layer { get; }
    public NetSocket? Listener { get; private set; }

    /// <summary>The peer's next sequence number.</summary>
    public uint Sequence { get; set; } = 1_000_000;

    /// <summary>The layer's initial sequence number, learnt from its SYN-ACK.</summary>
    public uint LayerIss { get; private set; }

    public static byte[] SynOptions(ushort mss = 1460, int windowScale = -1, bool sackPermitted = false, uint? timestamp = null)
    {
        var options = new List<byte> { 2, 4, (byte)(mss >> 8), (byte)mss };
        if (windowScale >= 0)
            options.AddRange([1, 3, 3, (byte)windowScale]);
        if (sackPermitted)
            options.AddRange([1, 1, 4, 2]);
        if (timestamp is uint ts)
        {
            options.AddRange([1, 1, 8, 10]);
            var value = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(value, ts);
            options.AddRange(value);
        }
        return options.ToArray();
    }

    /// <summary>Handshakes with the layer's listener and returns the accepted socket.</summary>
    public NetSocket Open(byte[]? synOptions = null, ushort window = 65535, Action<NetSocket>? configureListener = null)
    {
        Listener = Layer.CreateSocket(false);
        configureListener?.Invoke(Listener);
        Assert.Equal(NetError.Success, Listener.Bind(new IpEndpoint(IpAddress.AnyV4, ServerPort)));
        Assert.Equal(NetError.Success, Listener.Listen(8));
        Deliver(Sequence, 0, SegmentView.Syn, window, synOptions ?? SynOptions());
        var synAck = Network.Sent[^1].View;
        Assert.True(synAck.Is(SegmentView.Syn) && synAck.Is(SegmentView.Ack));
        LayerIss = synAck.Sequence;
        Sequence++;
        Deliver(Sequence, LayerIss + 1, SegmentView.Ack, window);
        Assert.Equal(NetError.Success, Listener.Accept(out var accepted));
        return accepted!;
    }

    public void Deliver(uint sequence, uint acknowledgment, byte flags, ushort window, ReadOnlySpan<byte> options = default, ReadOnlySpan<byte> payload = default) =>
        Layer.Deliver(PeerAddress, LayerAddress, SegmentBuilder.Build(PeerAddress, LayerAddress, PeerPort, ServerPort, sequence, acknowledgment, flags, window, options, payload));

    public static byte[] SackOption(params (uint Left, uint Right)[] blocks)
    {
        var option = new byte[2 + 2 + 8 * blocks.Length];
        option[0] = 1;
        option[1] = 1;
        option[2] = 5;
        option[3] = (byte)(2 + 8 * blocks.Length);
        for (int i = 0; i < blocks.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(option.AsSpan(4 + 8 * i), blocks[i].Left);
            BinaryPrimitives.WriteUInt32BigEndian(option.AsSpan(8 + 8 * i), blocks[i].Right);
        }
        return option;
    }

    /// <summary>Moves the clock forward step by step, running the layer's timers as they fall due.</summary>
    public void Advance(TimeSpan span)
    {
        ulong end = Clock.Now + (ulong)span.Ticks * 100;
        while (true)
        {
            ulong next = Layer.RunTimers();
            if (next > end)
                break;
            Clock.Now = Math.Max(Clock.Now, next);
        }
        Clock.Now = end;
        Layer.RunTimers();
    }

    /// <summary>Data segments the layer sent since <paramref name="from"/> (index into Sent).</summary>
    public List<SentSegment> DataSince(int from) => Network.Sent.Skip(from).Where(s => s.View.PayloadLength > 0).ToList();
}
