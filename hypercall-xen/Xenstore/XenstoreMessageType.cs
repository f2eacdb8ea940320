namespace Sharprun.Hypercall.Xenstore;

/// <summary>The xenstore wire protocol's message types that this client sends or accepts (xs_wire.h).</summary>
internal enum XenstoreMessageType : uint
{
    Directory = 1,
    Read = 2,
    Watch = 4,
    Unwatch = 5,
    TransactionStart = 6,
    TransactionEnd = 7,
    Write = 11,
    Mkdir = 12,
    Remove = 13,
    WatchEvent = 15,
    Error = 16,
}
