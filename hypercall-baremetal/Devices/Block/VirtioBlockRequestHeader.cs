using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// The two device-facing ends of a virtio-blk request (virtio 1.2 §5.2.6): the 16-byte header the device reads
/// first (le32 type, le32 reserved, le64 sector in 512-byte units) and the status byte it writes last. Pure.
/// </summary>
internal static class VirtioBlockRequestHeader
{
    public const int Size = 16;

    public const uint TypeIn = 0;
    public const uint TypeOut = 1;
    public const uint TypeFlush = 4;

    public const byte StatusOk = 0;
    public const byte StatusIoError = 1;
    public const byte StatusUnsupported = 2;

    /// <summary>What the status byte holds before the device writes it: not a status, so a request completed unwritten reads as an error.</summary>
    public const byte StatusUnwritten = 0xFF;

    /// <summary>Writes the header of a request of <paramref name="type"/> at 512-byte <paramref name="sector"/> (0 for a flush).</summary>
    public static void Write(Span<byte> target, uint type, ulong sector)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(target, type);
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(target[8..], sector);
    }

    /// <summary>The errno a completed request reports: 0 for OK, EOPNOTSUPP for UNSUPP, EIO for IOERR or anything else.</summary>
    public static int ToErrno(byte status) => status switch
    {
        StatusOk => BlockErrno.None,
        StatusUnsupported => BlockErrno.NotSupported,
        _ => BlockErrno.IoError,
    };
}
