namespace Sharprun.Net.Icmp;

/// <summary>The last echo replies received, oldest dropped first: what a ping (the stack's <c>SendEcho</c>) reads back.</summary>
public sealed class EchoReplyLog
{
    public const int Capacity = 64;

    private readonly Queue<EchoReply> _replies = new();

    public int Count => _replies.Count;

    public bool TryTake(out EchoReply reply) => _replies.TryDequeue(out reply);

    internal void Add(EchoReply reply)
    {
        if (_replies.Count == Capacity)
            _replies.Dequeue();
        _replies.Enqueue(reply);
    }
}
