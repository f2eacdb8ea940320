using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Devices.Net;

/// <summary>
/// struct virtio_net_hdr (virtio 1.2 §5.1.6), 12 bytes before every frame with VERSION_1: flags, GSO type and
/// sizes, checksum start and offset, and the number of merged receive buffers. Pure, so host tests feed it
/// hostile headers; no GSO is negotiated, so received headers must say GSO_NONE.
/// </summary>
internal readonly struct VirtioNetHeader
{
    public const int Size = 12;
    public const byte NeedsChecksum = 1;
    public const byte DataValid = 2;

    private const byte GsoNone = 0;

    public VirtioNetHeader(byte flags, ushort checksumStart, ushort checksumOffset, ushort bufferCount)
    {
        Flags = flags;
        ChecksumStart = checksumStart;
        ChecksumOffset = checksumOffset;
        BufferCount = bufferCount;
    }

    public byte Flags { get; }

    public ushort ChecksumStart { get; }

    public ushort ChecksumOffset { get; }

    /// <summary>num_buffers: how many receive buffers the frame spans (with MRG_RXBUF; 1 otherwise).</summary>
    public ushort BufferCount { get; }

    /// <summary>
    /// DATA_VALID: the device checked the checksum. NEEDS_CSUM: the frame comes from the host's own stack with only
    /// the pseudo-header sum in place (Linux's CHECKSUM_PARTIAL); it never crossed a wire, so it is trusted too,
    /// as Linux's virtio-net driver does.
    /// </summary>
    public bool ChecksumVerified => (Flags & (DataValid | NeedsChecksum)) != 0;

    /// <summary>
    /// Reads a received header. False when it is cut short, asks for GSO (not negotiated), or spans no buffer
    /// or more than <paramref name="maxBuffers"/> (the receive ring's size).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int maxBuffers, out VirtioNetHeader header)
    {
        header = default;
        if (bytes.Length < Size || bytes[1] != GsoNone)
            return false;
        ushort buffers = BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]);
        if (buffers == 0 || buffers > maxBuffers)
            return false;
        header = new VirtioNetHeader(bytes[0],
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]),
            buffers);
        return true;
    }

    /// <summary>
    /// The header of a frame to transmit: complete when <paramref name="checksumStart"/> is negative, else asking
    /// the device for the checksum. False when the checksum position does not fit the frame of <paramref name="frameLength"/> bytes.
    /// </summary>
    public static bool TryWriteTransmit(Span<byte> target, int frameLength, int checksumStart, int checksumOffset)
    {
        if (target.Length < Size)
            return false;
        target[..Size].Clear();
        if (checksumStart < 0)
            return true;
        if (checksumOffset < 0 || checksumStart > ushort.MaxValue || checksumOffset > ushort.MaxValue
            || checksumStart + checksumOffset + 2 > frameLength)
            return false;
        target[0] = NeedsChecksum;
        BinaryPrimitives.WriteUInt16LittleEndian(target[6..], (ushort)checksumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(target[8..], (ushort)checksumOffset);
        return true;
    }
}
