namespace Sharprun.Net.Sockets;

/// <summary>What a socket operation reports, with Linux's errno numbers so the PAL passes them on unchanged.</summary>
public enum NetError
{
    Success = 0,
    Interrupted = 4,            // EINTR
    BadDescriptor = 9,          // EBADF
    NoDevice = 19,              // ENODEV
    WouldBlock = 11,            // EAGAIN
    NoMemory = 12,              // ENOMEM
    AccessDenied = 13,          // EACCES
    InvalidArgument = 22,       // EINVAL
    TooManyOpen = 24,           // EMFILE
    BrokenPipe = 32,            // EPIPE
    MessageTooLong = 90,        // EMSGSIZE
    ProtocolNotSupported = 93,  // EPROTONOSUPPORT
    OperationNotSupported = 95, // EOPNOTSUPP
    AddressFamilyNotSupported = 97, // EAFNOSUPPORT
    AddressInUse = 98,          // EADDRINUSE
    AddressNotAvailable = 99,   // EADDRNOTAVAIL
    NetworkDown = 100,          // ENETDOWN
    NetworkUnreachable = 101,   // ENETUNREACH
    ConnectionAborted = 103,    // ECONNABORTED
    ConnectionReset = 104,      // ECONNRESET
    NoBufferSpace = 105,        // ENOBUFS
    IsConnected = 106,          // EISCONN
    NotConnected = 107,         // ENOTCONN
    TimedOut = 110,             // ETIMEDOUT
    ConnectionRefused = 111,    // ECONNREFUSED
    HostUnreachable = 113,      // EHOSTUNREACH
    Already = 114,              // EALREADY
    InProgress = 115,           // EINPROGRESS
    NoProtocolOption = 92,      // ENOPROTOOPT
    DestinationAddressRequired = 89, // EDESTADDRREQ
}
