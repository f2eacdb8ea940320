using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Dns;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Dns;

public class DnsResolverTests
{
    private readonly TestNetwork _net = new();
    private readonly NetworkStack _client;
    private readonly NetworkStack _server;
    private readonly NetSocket _socket;
    private IpEndpoint _lastAsker;

    public DnsResolverTests()
    {
        _client = _net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1", dns: "10.0.0.53");
        _server = _net.AddStatic(0x02_00_00_00_00_35, "10.0.0.53");
        _socket = _server.Udp(port: 53);
    }

    /// <summary>Answers each query with what <paramref name="respond"/> makes of it (null: stay silent).</summary>
    private DnsQuery Resolve(string name, DnsFamily family, Func<byte[], byte[]?> respond, double seconds = 30)
    {
        DnsQuery query;
        lock (_client.Sync)
            query = _client.Resolver.Begin(name, family);
        _net.RunUntil(() => query.IsComplete, seconds, () =>
        {
            while (_server.TryReceive(_socket, out var from) is { } request)
            {
                _lastAsker = from;
                if (respond(request) is { } response)
                    _server.SendTo(_socket, response, from);
            }
        });
        return query;
    }

    /// <summary>A response echoing the question, with the given answer records appended verbatim.</summary>
    private static byte[] Response(byte[] request, int rcode = 0, bool truncated = false, int answers = 0, params byte[][] records)
    {
        var response = new List<byte>(request);
        response[2] = (byte)(0x81 | (truncated ? 0x02 : 0));
        response[3] = (byte)(0x80 | rcode);
        response[6] = (byte)(answers >> 8);
        response[7] = (byte)answers;
        foreach (var record in records)
            response.AddRange(record);
        return response.ToArray();
    }

    private static ushort QueryType(byte[] request) => BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(request.Length - 4));

    /// <summary>A record owned by the question's name (pointer to offset 12).</summary>
    private static byte[] Record(ushort type, byte[] data, byte[]? owner = null)
    {
        var record = new List<byte>(owner ?? [0xC0, 12]);
        record.AddRange([(byte)(type >> 8), (byte)type, 0, 1, 0, 0, 0, 60, (byte)(data.Length >> 8), (byte)data.Length]);
        record.AddRange(data);
        return record.ToArray();
    }

    [Fact]
    public void Localhost_and_literals_answer_without_a_server()
    {
        lock (_client.Sync)
        {
            var localhost = _client.Resolver.Begin("localhost", DnsFamily.Any);
            Assert.True(localhost.IsComplete);
            Assert.Equal([IpAddress.LoopbackV4, IpAddress.LoopbackV6], localhost.Addresses);
            var literal = _client.Resolver.Begin("192.168.1.9", DnsFamily.Any);
            Assert.Equal([V4("192.168.1.9")], literal.Addresses);
            Assert.Equal(DnsError.InvalidName, _client.Resolver.Begin("bad..name", DnsFamily.V4).Error);
        }
        Assert.Equal(0, _server.Statistics.FramesReceived);
    }

    [Fact]
    public void A_and_aaaa_answers_are_collected()
    {
        var query = Resolve("example.test", DnsFamily.Any, request => QueryType(request) == 1
            ? Response(request, answers: 1, records: Record(1, [93, 184, 216, 34]))
            : Response(request, answers: 1, records: Record(28, System.Net.IPAddress.Parse("2001:db8::1").GetAddressBytes())));
        Assert.Equal(DnsError.None, query.Error);
        Assert.Equal([V4("93.184.216.34"), V6("2001:db8::1")], query.Addresses);
    }

    [Fact]
    public void A_cname_chain_is_followed_with_compressed_names()
    {
        // Answer 1: example.test CNAME www.other (written out); answer 2: www.other A, owner compressed to answer 1's data.
        var query = Resolve("example.test", DnsFamily.V4, request =>
        {
            int cnameData = request.Length + 12;
            byte[] target = [3, (byte)'w', (byte)'w', (byte)'w', 5, (byte)'o', (byte)'t', (byte)'h', (byte)'e', (byte)'r', 0];
            return Response(request, answers: 2, records: [Record(5, target), Record(1, [10, 1, 2, 3], [0xC0, (byte)cnameData])]);
        });
        Assert.Equal(DnsError.None, query.Error);
        Assert.Equal([V4("10.1.2.3")], query.Addresses);
        Assert.Equal("www.other", query.CanonicalName);
    }

    [Fact]
    public void Nxdomain_is_name_not_found()
    {
        var query = Resolve("missing.test", DnsFamily.V4, request => Response(request, rcode: 3));
        Assert.Equal(DnsError.NameNotFound, query.Error);
    }

    [Fact]
    public void Silence_times_out_after_the_retries()
    {
        int asked = 0;
        var query = Resolve("quiet.test", DnsFamily.V4, _ => { asked++; return null; });
        Assert.Equal(DnsError.TimedOut, query.Error);
        Assert.Equal(DnsResolver.AttemptsPerServer, asked);
    }

    [Fact]
    public void Wrong_ids_loops_and_truncation_never_produce_an_answer()
    {
        int asked = 0;
        var query = Resolve("hostile.test", DnsFamily.V4, request =>
        {
            asked++;
            var wrongId = Response(request, answers: 1, records: Record(1, [6, 6, 6, 6]));
            wrongId[0] ^= 0xFF;
            _server.SendTo(_socket, wrongId, new IpEndpoint(V4("10.0.0.1"), 1));
            var loop = Response(request, answers: 1, records: Record(1, [6, 6, 6, 6], [0xC0, (byte)request.Length]));
            return asked == 1 ? loop : Response(request, truncated: true);
        });
        Assert.Equal(DnsError.ServerFailure, query.Error);
        Assert.True(_client.Statistics[DropReason.DnsMalformed] >= 1);
        Assert.Empty(query.Addresses);
    }

    [Fact]
    public void A_response_from_another_port_is_ignored()
    {
        var other = _server.Udp(port: 5353);
        var query = Resolve("spoof.test", DnsFamily.V4, request =>
        {
            lock (_server.Sync)
                other.Send(Response(request, answers: 1, records: Record(1, [6, 6, 6, 6])), _lastAsker, out _);
            return null;
        }, seconds: 1);
        Assert.False(query.IsComplete);
        // The resolver's socket is connected to the server's port 53: the forgery matches no socket.
        Assert.True(_client.Statistics[DropReason.UdpNoSocket] >= 1);
        lock (_client.Sync)
            query.Cancel();
        Assert.Equal(DnsError.Cancelled, query.Error);
        lock (_client.Sync)
            Assert.Equal(0, _client.Resolver.ActiveQueries);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 12 })]
    [InlineData(new byte[] { 0xC0, 200 })]
    [InlineData(new byte[] { 63 })]
    [InlineData(new byte[] { 0x80, 0 })]
    public void Names_with_bad_pointers_or_lengths_are_rejected(byte[] name)
    {
        var message = new byte[12 + name.Length];
        name.CopyTo(message, 12);
        int offset = 12;
        Assert.False(DnsMessage.TryReadName(message, ref offset, out _));
    }
}
