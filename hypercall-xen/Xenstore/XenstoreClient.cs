using System;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Xenstore;

/// <summary>
/// A xenstore client over <see cref="XenstoreRing"/>: read, write, directory, remove, watch and transactions, one
/// request outstanding at a time. Replies are checked by <see cref="XenstoreReply"/>; watch events that arrive
/// while a reply is awaited are queued for <see cref="WaitForWatch"/>. Relative paths are relative to the domain's
/// home (/local/domain/&lt;id&gt;). No allocation: requests and replies live in static buffers.
/// </summary>
internal static unsafe class XenstoreClient
{
    /// <summary>How long xenstored gets to answer (TCG-emulated hosts are slow).</summary>
    private const ulong ReplyTimeout = 20_000_000_000;

    private const int QueuedEvents = 8;

    private static uint s_nextRequestId = 1;
    private static MessageBuffer s_request;
    private static MessageBuffer s_reply;
    private static EventQueue s_events;
    private static int s_eventCount;

    /// <summary>The errno of the last <see cref="XenstoreStatus.ErrorReply"/>.</summary>
    public static int LastErrno { get; private set; }

    public static bool Initialize() => XenstoreRing.Initialize();

    public static bool IsAvailable => XenstoreRing.IsAvailable;

    public static XenstoreStatus Read(ReadOnlySpan<byte> path, Span<byte> value, out int length, uint transaction = 0)
    {
        length = 0;
        var status = Exchange(XenstoreMessageType.Read, transaction, path, default, false, out var reply);
        if (status != XenstoreStatus.Ok)
            return status;
        if (reply.Length > value.Length)
            return XenstoreStatus.BufferTooSmall;
        reply.CopyTo(value);
        length = reply.Length;
        return XenstoreStatus.Ok;
    }

    public static XenstoreStatus Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> value, uint transaction = 0)
    {
        var status = Exchange(XenstoreMessageType.Write, transaction, path, value, false, out var reply);
        return status == XenstoreStatus.Ok ? XenstoreReply.ParseAcknowledgement(reply) : status;
    }

    public static XenstoreStatus Remove(ReadOnlySpan<byte> path, uint transaction = 0)
    {
        var status = Exchange(XenstoreMessageType.Remove, transaction, path, default, false, out var reply);
        return status == XenstoreStatus.Ok ? XenstoreReply.ParseAcknowledgement(reply) : status;
    }

    /// <summary>The names under <paramref name="path"/>, each NUL-terminated, copied to <paramref name="names"/>.</summary>
    public static XenstoreStatus Directory(ReadOnlySpan<byte> path, Span<byte> names, out int count, out int length, uint transaction = 0)
    {
        count = 0;
        length = 0;
        var status = Exchange(XenstoreMessageType.Directory, transaction, path, default, false, out var reply);
        if (status != XenstoreStatus.Ok)
            return status;
        status = XenstoreReply.ParseDirectory(reply, out count);
        if (status != XenstoreStatus.Ok)
            return status;
        if (reply.Length > names.Length)
            return XenstoreStatus.BufferTooSmall;
        reply.CopyTo(names);
        length = reply.Length;
        return XenstoreStatus.Ok;
    }

    /// <summary>Registers a watch; xenstored fires it once right away, then on every change under the path.</summary>
    public static XenstoreStatus Watch(ReadOnlySpan<byte> path, ReadOnlySpan<byte> token)
    {
        if (!XenstoreReply.IsValidRequestString(token))
            return XenstoreStatus.BadRequest;
        var status = Exchange(XenstoreMessageType.Watch, 0, path, token, true, out var reply);
        return status == XenstoreStatus.Ok ? XenstoreReply.ParseAcknowledgement(reply) : status;
    }

    public static XenstoreStatus Unwatch(ReadOnlySpan<byte> path, ReadOnlySpan<byte> token)
    {
        if (!XenstoreReply.IsValidRequestString(token))
            return XenstoreStatus.BadRequest;
        var status = Exchange(XenstoreMessageType.Unwatch, 0, path, token, true, out var reply);
        return status == XenstoreStatus.Ok ? XenstoreReply.ParseAcknowledgement(reply) : status;
    }

    public static XenstoreStatus TransactionStart(out uint transaction)
    {
        transaction = 0;
        var status = Exchange(XenstoreMessageType.TransactionStart, 0, default, default, false, out var reply);
        return status == XenstoreStatus.Ok ? XenstoreReply.ParseTransactionId(reply, out transaction) : status;
    }

    /// <summary>Commits or aborts; a commit that conflicted with another writer fails with errno EAGAIN (11).</summary>
    public static XenstoreStatus TransactionEnd(uint transaction, bool commit)
    {
        var status = Exchange(XenstoreMessageType.TransactionEnd, transaction, commit ? "T"u8 : "F"u8, default, false, out var reply);
        return status == XenstoreStatus.Ok ? XenstoreReply.ParseAcknowledgement(reply) : status;
    }

    /// <summary>
    /// Waits until a watch event with <paramref name="token"/> arrives (or Xen system time reaches
    /// <paramref name="deadline"/>) and copies its path to <paramref name="path"/>. Events for other tokens are dropped.
    /// </summary>
    public static XenstoreStatus WaitForWatch(ReadOnlySpan<byte> token, Span<byte> path, out int pathLength, ulong deadline)
    {
        pathLength = 0;
        while (true)
        {
            for (int i = 0; i < s_eventCount; i++)
            {
                var queued = Queued(i);
                XenstoreReply.ParseWatchEvent(queued.Payload, out int queuedPath, out int queuedToken);
                if (!queued.Payload.Slice(queuedPath + 1, queuedToken).SequenceEqual(token))
                    continue;
                if (queuedPath > path.Length)
                    return XenstoreStatus.BufferTooSmall;
                queued.Payload[..queuedPath].CopyTo(path);
                pathLength = queuedPath;
                RemoveQueued(i);
                return XenstoreStatus.Ok;
            }
            if (!XenstoreRing.IsAvailable)
                return XenstoreStatus.Unavailable;
            var status = ReceiveMessage(deadline, out uint type, out _, out var payload);
            if (status != XenstoreStatus.Ok)
                return status;
            if (type != (uint)XenstoreMessageType.WatchEvent)
                return XenstoreStatus.UnexpectedType;
            status = Enqueue(payload);
            if (status != XenstoreStatus.Ok)
                return status;
        }
    }

    /// <summary>Sends one request (path\0 [second part] [\0]) and returns the checked payload of its reply.</summary>
    private static XenstoreStatus Exchange(XenstoreMessageType type, uint transaction, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second,
        bool terminateSecond, out ReadOnlySpan<byte> reply)
    {
        reply = default;
        if (!XenstoreRing.IsAvailable)
            return XenstoreRing.Corrupt ? XenstoreStatus.RingCorrupt : XenstoreStatus.Unavailable;
        bool hasPath = type != XenstoreMessageType.TransactionStart;
        if (hasPath && (first.IsEmpty || first.IndexOf((byte)0) >= 0))
            return XenstoreStatus.BadRequest;
        if (terminateSecond && second.IndexOf((byte)0) >= 0)
            return XenstoreStatus.BadRequest;
        int length = first.Length + 1 + second.Length + (terminateSecond ? 1 : 0);
        if (length > XenstoreReply.MaxPayload)
            return XenstoreStatus.BadRequest;

        Span<byte> request = s_request;
        uint id = s_nextRequestId++;
        XenstoreReply.WriteHeader(request, type, id, transaction, length);
        var body = request.Slice(XenstoreReply.HeaderSize);
        first.CopyTo(body);
        body[first.Length] = 0;
        second.CopyTo(body.Slice(first.Length + 1));
        if (terminateSecond)
            body[length - 1] = 0;

        ulong deadline = PvClock.SystemTime() + ReplyTimeout;
        fixed (byte* bytes = request)
        {
            if (!XenstoreRing.Send(bytes, XenstoreReply.HeaderSize + length, deadline))
                return XenstoreRing.Corrupt ? XenstoreStatus.RingCorrupt : XenstoreStatus.TimedOut;
        }
        while (true)
        {
            var status = ReceiveMessage(deadline, out uint replyType, out uint replyId, out var payload);
            if (status != XenstoreStatus.Ok)
                return status;
            if (replyType == (uint)XenstoreMessageType.WatchEvent)
            {
                status = Enqueue(payload);
                if (status != XenstoreStatus.Ok)
                    return status;
                continue;
            }
            status = XenstoreReply.Match(type, id, replyType, replyId, payload, out int errno);
            LastErrno = errno;
            reply = payload;
            return status;
        }
    }

    /// <summary>One message from the ring: header first, its length checked before the payload is taken.</summary>
    private static XenstoreStatus ReceiveMessage(ulong deadline, out uint type, out uint requestId, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        type = 0;
        requestId = 0;
        Span<byte> buffer = s_reply;
        fixed (byte* bytes = buffer)
        {
            if (!XenstoreRing.Receive(bytes, XenstoreReply.HeaderSize, deadline))
                return XenstoreRing.Corrupt ? XenstoreStatus.RingCorrupt : XenstoreStatus.TimedOut;
            var status = XenstoreReply.ParseHeader(buffer, out type, out requestId, out int length);
            if (status != XenstoreStatus.Ok)
            {
                // The stream cannot be resynchronized after a bad header.
                XenstoreRing.MarkCorrupt();
                return status;
            }
            if (!XenstoreRing.Receive(bytes + XenstoreReply.HeaderSize, length, deadline))
                return XenstoreRing.Corrupt ? XenstoreStatus.RingCorrupt : XenstoreStatus.TimedOut;
            payload = buffer.Slice(XenstoreReply.HeaderSize, length);
        }
        return XenstoreStatus.Ok;
    }

    private static XenstoreStatus Enqueue(ReadOnlySpan<byte> payload)
    {
        var status = XenstoreReply.ParseWatchEvent(payload, out _, out _);
        if (status != XenstoreStatus.Ok)
            return status;
        if (s_eventCount == QueuedEvents || payload.Length > EventSlot.Capacity)
            return XenstoreStatus.Ok; // Dropped: a watcher re-reads the state it watches anyway.
        ref var slot = ref s_events[s_eventCount++];
        payload.CopyTo(slot.Bytes);
        slot.Length = payload.Length;
        return XenstoreStatus.Ok;
    }

    private static QueuedEvent Queued(int index) => new(((Span<byte>)s_events[index].Bytes).Slice(0, s_events[index].Length));

    private static void RemoveQueued(int index)
    {
        for (int i = index + 1; i < s_eventCount; i++)
            s_events[i - 1] = s_events[i];
        s_eventCount--;
    }

    private readonly ref struct QueuedEvent(Span<byte> payload)
    {
        public Span<byte> Payload { get; } = payload;
    }

    [InlineArray(XenstoreReply.HeaderSize + XenstoreReply.MaxPayload)]
    private struct MessageBuffer
    {
        private byte _first;
    }

    private struct EventSlot
    {
        public const int Capacity = 512;
        public EventBytes Bytes;
        public int Length;
    }

    [InlineArray(EventSlot.Capacity)]
    private struct EventBytes
    {
        private byte _first;
    }

    [InlineArray(QueuedEvents)]
    private struct EventQueue
    {
        private EventSlot _first;
    }
}
