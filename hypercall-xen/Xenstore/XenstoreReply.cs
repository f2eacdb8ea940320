using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Xenstore;

/// <summary>
/// Checks xenstored's replies before anything uses them. xenstored runs in another domain and is not trusted: a
/// header announcing an oversized payload, a reply to another request, a payload without the terminators its type
/// requires, an unknown error name or a transaction id that is not a decimal number are all rejected with a status.
/// Works on spans only, so it is tested on the host (hypercall-xen/Sharprun.Hypercall.Xen.Tests).
/// </summary>
internal static class XenstoreReply
{
    public const int HeaderSize = 16;
    public const int MaxPayload = 4096;

    /// <summary>Error names xenstored sends (xs_wire.h's xsd_errors), in the order of <see cref="ErrorNumbers"/>.</summary>
    private static ReadOnlySpan<byte> ErrorNames =>
        "EINVAL\0EACCES\0EEXIST\0EISDIR\0ENOENT\0ENOMEM\0ENOSPC\0EIO\0ENOTEMPTY\0ENOSYS\0EROFS\0EBUSY\0EAGAIN\0EISCONN\0E2BIG\0EPERM\0"u8;

    private static ReadOnlySpan<byte> ErrorNumbers => [22, 13, 17, 21, 2, 12, 28, 5, 39, 38, 30, 16, 11, 106, 7, 1];

    public static void WriteHeader(Span<byte> target, XenstoreMessageType type, uint requestId, uint transaction, int length)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(4), requestId);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(8), transaction);
        BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(12), (uint)length);
    }

    /// <summary>Reads a reply header; the payload length is checked before a single payload byte is consumed.</summary>
    public static XenstoreStatus ParseHeader(ReadOnlySpan<byte> header, out uint type, out uint requestId, out int length)
    {
        type = 0;
        requestId = 0;
        length = 0;
        if (header.Length < HeaderSize)
            return XenstoreStatus.Malformed;
        type = BinaryPrimitives.ReadUInt32LittleEndian(header);
        requestId = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(4));
        uint announced = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(12));
        if (announced > MaxPayload)
            return XenstoreStatus.ReplyTooLong;
        length = (int)announced;
        return XenstoreStatus.Ok;
    }

    /// <summary>
    /// Matches a reply (not a watch event) to the request: same id, and the request's type or an error. For an error,
    /// <paramref name="errno"/> is the Linux errno of a well-formed error name.
    /// </summary>
    public static XenstoreStatus Match(XenstoreMessageType request, uint requestId, uint type, uint replyId, ReadOnlySpan<byte> payload, out int errno)
    {
        errno = 0;
        if (replyId != requestId)
            return XenstoreStatus.WrongRequestId;
        if (type == (uint)XenstoreMessageType.Error)
        {
            errno = ErrorNumber(payload);
            return errno == 0 ? XenstoreStatus.Malformed : XenstoreStatus.ErrorReply;
        }
        return type == (uint)request ? XenstoreStatus.Ok : XenstoreStatus.UnexpectedType;
    }

    /// <summary>The errno of an error payload ("ENOENT\0"), or 0 when the name is not one xenstored sends.</summary>
    public static int ErrorNumber(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2 || payload[^1] != 0)
            return 0;
        ReadOnlySpan<byte> name = payload[..^1];
        ReadOnlySpan<byte> names = ErrorNames;
        for (int i = 0; i < ErrorNumbers.Length; i++)
        {
            int end = names.IndexOf((byte)0);
            if (names[..end].SequenceEqual(name))
                return ErrorNumbers[i];
            names = names[(end + 1)..];
        }
        return 0;
    }

    /// <summary>The acknowledgement of a write, mkdir, rm, watch, unwatch or transaction end: exactly "OK\0".</summary>
    public static XenstoreStatus ParseAcknowledgement(ReadOnlySpan<byte> payload) =>
        payload.SequenceEqual("OK\0"u8) ? XenstoreStatus.Ok : XenstoreStatus.Malformed;

    /// <summary>
    /// A directory listing: names, each NUL-terminated, each a valid path element (no '/', printable ASCII).
    /// An empty payload is an empty directory.
    /// </summary>
    public static XenstoreStatus ParseDirectory(ReadOnlySpan<byte> payload, out int count)
    {
        count = 0;
        while (!payload.IsEmpty)
        {
            int end = payload.IndexOf((byte)0);
            if (end <= 0 || !IsPathElement(payload[..end]))
                return XenstoreStatus.Malformed;
            count++;
            payload = payload[(end + 1)..];
        }
        return XenstoreStatus.Ok;
    }

    /// <summary>The id a transaction start returns: a decimal number (no sign, no leading zero, not 0) and NUL.</summary>
    public static XenstoreStatus ParseTransactionId(ReadOnlySpan<byte> payload, out uint transaction)
    {
        transaction = 0;
        if (payload.Length < 2 || payload.Length > 11 || payload[^1] != 0 || payload[0] == (byte)'0')
            return XenstoreStatus.Malformed;
        ulong value = 0;
        foreach (byte b in payload[..^1])
        {
            if (b is < (byte)'0' or > (byte)'9')
                return XenstoreStatus.Malformed;
            value = value * 10 + (uint)(b - '0');
        }
        if (value > uint.MaxValue)
            return XenstoreStatus.Malformed;
        transaction = (uint)value;
        return XenstoreStatus.Ok;
    }

    /// <summary>A watch event: "path\0token\0", both non-empty printable ASCII.</summary>
    public static XenstoreStatus ParseWatchEvent(ReadOnlySpan<byte> payload, out int pathLength, out int tokenLength)
    {
        pathLength = 0;
        tokenLength = 0;
        int pathEnd = payload.IndexOf((byte)0);
        if (pathEnd <= 0 || !IsPrintable(payload[..pathEnd]))
            return XenstoreStatus.Malformed;
        var rest = payload[(pathEnd + 1)..];
        int tokenEnd = rest.IndexOf((byte)0);
        if (tokenEnd <= 0 || tokenEnd != rest.Length - 1 || !IsPrintable(rest[..tokenEnd]))
            return XenstoreStatus.Malformed;
        pathLength = pathEnd;
        tokenLength = tokenEnd;
        return XenstoreStatus.Ok;
    }

    /// <summary>A path or token the client may send: non-empty, printable ASCII, no NUL.</summary>
    public static bool IsValidRequestString(ReadOnlySpan<byte> text) => !text.IsEmpty && text.Length < MaxPayload && IsPrintable(text);

    private static bool IsPathElement(ReadOnlySpan<byte> name)
    {
        foreach (byte b in name)
        {
            if (b == (byte)'/' || b is < 0x21 or > 0x7E)
                return false;
        }
        return true;
    }

    private static bool IsPrintable(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (b is < 0x20 or > 0x7E)
                return false;
        }
        return true;
    }

    /// <summary>A short description for the kernel log.</summary>
    public static string Describe(XenstoreStatus status) => status switch
    {
        XenstoreStatus.Ok => "ok",
        XenstoreStatus.ErrorReply => "xenstored returned an error",
        XenstoreStatus.Unavailable => "no xenstore connection",
        XenstoreStatus.ReplyTooLong => "a reply announced more than 4096 bytes",
        XenstoreStatus.WrongRequestId => "a reply answered another request",
        XenstoreStatus.UnexpectedType => "a reply had an unexpected type",
        XenstoreStatus.Malformed => "a reply was malformed",
        XenstoreStatus.BufferTooSmall => "the reply does not fit the buffer",
        XenstoreStatus.BadRequest => "invalid path, value or token",
        XenstoreStatus.RingCorrupt => "the ring's indices are corrupt",
        XenstoreStatus.TimedOut => "xenstored did not answer in time",
        _ => "unknown status",
    };
}
