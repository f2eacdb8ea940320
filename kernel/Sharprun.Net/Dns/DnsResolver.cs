using System.Net;
using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Udp;

namespace Sharprun.Net.Dns;

/// <summary>
/// A stub resolver (RFC 1035, RFC 3596): "localhost" and IP literals answered at once, other names asked of the
/// configured servers over UDP port 53 from a fresh random port, each try waiting <see cref="AttemptTimeoutNanoseconds"/>,
/// rotating through the servers. Responses must come from the server asked, carry the query's ID and question.
/// Non-blocking: <see cref="Begin"/> returns a <see cref="DnsQuery"/> the stack completes in Poll.
/// </summary>
public sealed class DnsResolver
{
    public const ulong AttemptTimeoutNanoseconds = 3_000_000_000;
    public const int AttemptsPerServer = 2;
    public const ushort ServerPort = 53;

    private readonly NetworkStack _stack;
    private readonly List<DnsQuery> _active = [];
    private readonly byte[] _message = new byte[DnsMessage.MaxUdpLength];
    private readonly List<DnsQuery> _finished = [];

    internal DnsResolver(NetworkStack stack) => _stack = stack;

    public int ActiveQueries => _active.Count;

    public DnsQuery Begin(string name, DnsFamily family)
    {
        var query = new DnsQuery(name, family) { Resolver = this };
        if (IPAddress.TryParse(name, out var literal) && !name.Contains('%'))
        {
            var address = IpAddress.Read(literal.GetAddressBytes());
            bool fits = family == DnsFamily.Any || (family == DnsFamily.V4) == address.IsV4;
            query.Complete([address], fits ? DnsError.None : DnsError.NoData);
            return query;
        }
        if (!DnsMessage.IsValidName(name))
        {
            query.Complete([], DnsError.InvalidName);
            return query;
        }
        string bare = name.TrimEnd('.');
        // RFC 6761 §6.3: localhost and its subdomains are the loopback, never asked of a server.
        if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            List<IpAddress> loopback = [];
            if (family != DnsFamily.V6)
                loopback.Add(IpAddress.LoopbackV4);
            if (family != DnsFamily.V4)
                loopback.Add(IpAddress.LoopbackV6);
            query.Complete(loopback, DnsError.None);
            return query;
        }
        query.Servers = _stack.DnsServers;
        if (query.Servers.Count == 0)
        {
            query.Complete([], DnsError.NoServers);
            return query;
        }
        if (family != DnsFamily.V6)
            query.Questions.Add(new DnsQuestion(DnsMessage.TypeA, NewId()));
        if (family != DnsFamily.V4)
            query.Questions.Add(new DnsQuestion(DnsMessage.TypeAaaa, NewId()));
        var socket = (UdpSocket)_stack.CreateSocket(SocketKind.Udp, isV6: true);
        if (BindRandomPort(socket) != NetError.Success)
        {
            socket.Close();
            query.Complete([], DnsError.ServerFailure);
            return query;
        }
        query.Socket = socket;
        _active.Add(query);
        SendAttempt(query, _stack.Now);
        _stack.ArmTimer(query.Deadline);
        return query;
    }

    private ushort NewId() => (ushort)_stack.Random.Next(0x10000);

    /// <summary>RFC 5452 §4.5: an unpredictable source port, on top of the ID, against forged answers.</summary>
    private NetError BindRandomPort(UdpSocket socket)
    {
        for (int tries = 0; tries < 8; tries++)
        {
            ushort port = (ushort)_stack.Random.Next(UdpLayer.EphemeralFirst, UdpLayer.EphemeralLast + 1);
            if (socket.Bind(new IpEndpoint(IpAddress.AnyV6, port)) == NetError.Success)
                return NetError.Success;
        }
        return socket.Bind(new IpEndpoint(IpAddress.AnyV6, 0));
    }

    private void SendAttempt(DnsQuery query, ulong now)
    {
        var server = query.Servers[query.Attempt % query.Servers.Count];
        query.Deadline = now + AttemptTimeoutNanoseconds;
        query.Socket!.Connect(new IpEndpoint(server, ServerPort));
        foreach (var question in query.Questions)
        {
            if (question.Answered)
                continue;
            int length = DnsMessage.WriteQuery(_message, question.Id, query.Name, question.Type);
            query.Socket.Send(_message.AsSpan(0, length), null, out _);
        }
    }

    internal ulong RunTimers(ulong now)
    {
        if (_active.Count == 0)
            return ulong.MaxValue;
        ulong next = ulong.MaxValue;
        foreach (var query in _active)
        {
            ReadResponses(query);
            if (query.IsComplete)
                continue;
            if (now >= query.Deadline)
            {
                query.Attempt++;
                if (query.Attempt >= query.Servers.Count * AttemptsPerServer)
                {
                    Finish(query, DnsError.TimedOut);
                    continue;
                }
                SendAttempt(query, now);
            }
            next = Math.Min(next, query.Deadline);
        }
        foreach (var query in _finished)
            _active.Remove(query);
        _finished.Clear();
        return next;
    }

    private void ReadResponses(DnsQuery query)
    {
        var socket = query.Socket!;
        while (socket.Receive(_message, peek: false, out int length, out var from, out bool truncated) == NetError.Success)
        {
            var server = query.Servers[query.Attempt % query.Servers.Count];
            if (from != new IpEndpoint(server, ServerPort) || truncated)
            {
                _stack.Statistics.Drop(truncated ? DropReason.DnsMalformed : DropReason.DnsMismatch);
                continue;
            }
            Answer(query, _message.AsSpan(0, length));
            if (query.IsComplete)
                return;
        }
    }

    private void Answer(DnsQuery query, ReadOnlySpan<byte> response)
    {
        foreach (var question in query.Questions)
        {
            if (question.Answered)
                continue;
            var addresses = new List<IpAddress>();
            var answer = DnsMessage.Read(response, question.Id, query.Name, question.Type, addresses, out string canonical);
            switch (answer)
            {
                case DnsAnswer.Mismatch:
                    continue;
                case DnsAnswer.Malformed:
                    _stack.Statistics.Drop(DropReason.DnsMalformed);
                    return;
                case DnsAnswer.Truncated or DnsAnswer.ServerFailure:
                    // Retrying over TCP is not implemented: a truncated answer counts as this server failing; the next try may use another.
                    question.Error = DnsError.ServerFailure;
                    if (query.Attempt + 1 >= query.Servers.Count * AttemptsPerServer)
                        question.Answered = true;
                    else
                        query.Deadline = 0;
                    break;
                case DnsAnswer.NameError:
                    question.Answered = true;
                    question.Error = DnsError.NameNotFound;
                    break;
                case DnsAnswer.Addresses:
                    question.Answered = true;
                    question.Error = addresses.Count > 0 ? DnsError.None : DnsError.NoData;
                    question.Addresses.AddRange(addresses);
                    query.CanonicalName = canonical;
                    break;
            }
            break;
        }
        if (query.Questions.TrueForAll(q => q.Answered))
            Finish(query, DnsError.None);
        else if (query.Deadline == 0)
            _stack.ArmTimer(0);
    }

    private void Finish(DnsQuery query, DnsError timeoutError)
    {
        var addresses = query.Questions.SelectMany(q => q.Addresses).ToList();
        DnsError error = DnsError.None;
        if (addresses.Count == 0)
        {
            var errors = query.Questions.Select(q => q.Answered ? q.Error : timeoutError).ToList();
            error = errors.Contains(DnsError.NoData) ? DnsError.NoData
                : errors.TrueForAll(e => e == DnsError.NameNotFound) ? DnsError.NameNotFound
                : errors.Contains(DnsError.TimedOut) ? DnsError.TimedOut
                : errors.Contains(DnsError.NameNotFound) ? DnsError.NameNotFound
                : DnsError.ServerFailure;
        }
        query.Complete(addresses, error);
        Release(query);
        _stack.PulseWaiters();
    }

    internal void Cancel(DnsQuery query)
    {
        if (query.IsComplete)
            return;
        query.Complete([], DnsError.Cancelled);
        Release(query);
        _active.Remove(query);
    }

    private void Release(DnsQuery query)
    {
        query.Socket?.Close();
        query.Socket = null;
        if (_active.Contains(query))
            _finished.Add(query);
    }
}
