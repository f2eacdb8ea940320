namespace Sharprun.Hypercall.Xenstore;

/// <summary>The outcome of a xenstore operation. Nothing in the client throws: it runs beneath the runtime.</summary>
internal enum XenstoreStatus
{
    Ok,
    /// <summary>xenstored answered with an error (<see cref="XenstoreReply.ErrorName"/> tells which).</summary>
    ErrorReply,
    /// <summary>No xenstore ring (a dom0 without xenstored, or the platform is not a DomU).</summary>
    Unavailable,
    /// <summary>A reply announced more than 4096 bytes of payload.</summary>
    ReplyTooLong,
    /// <summary>A reply answered another request than the one outstanding.</summary>
    WrongRequestId,
    /// <summary>A reply's type is neither the request's nor an error.</summary>
    UnexpectedType,
    /// <summary>A reply's payload does not have the form its type requires.</summary>
    Malformed,
    /// <summary>The caller's buffer cannot hold the reply.</summary>
    BufferTooSmall,
    /// <summary>The request itself is invalid (too long, or a path or token holding NUL).</summary>
    BadRequest,
    /// <summary>The ring's indices are impossible: the connection is given up.</summary>
    RingCorrupt,
    TimedOut,
}
