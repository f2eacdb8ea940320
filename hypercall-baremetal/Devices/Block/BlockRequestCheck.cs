using System;

namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// The checks Hypercalls.BlockSubmit makes before a request reaches a ring, and what they yield: the request's
/// virtio type, its first 512-byte sector and how many data descriptors its segments take (a segment longer than
/// size_max takes several). Pure, so host tests try every way arguments can be wrong.
/// </summary>
internal static class BlockRequestCheck
{
    public const int OperationRead = 0;
    public const int OperationWrite = 1;
    public const int OperationFlush = 2;

    /// <summary>
    /// 0 when the request can be queued on a disk of <paramref name="config"/>; else its errno: EINVAL
    /// (an unknown operation, segments for a flush or none for a transfer, a length of 0 or not a multiple of
    /// 512, a total not a multiple of the sector size, sectors beyond the disk, more data descriptors than
    /// <paramref name="dataDescriptors"/>), EROFS (a write to a read-only disk), EOPNOTSUPP (a flush on a disk
    /// without FLUSH). <paramref name="sector"/> counts <see cref="VirtioBlockConfig.SectorSize"/> units.
    /// </summary>
    public static int Check(int operation, ulong sector, ReadOnlySpan<uint> lengths, in VirtioBlockConfig config,
        bool readOnly, bool flushes, int dataDescriptors, out uint type, out ulong deviceSector, out int descriptors)
    {
        type = 0;
        deviceSector = 0;
        descriptors = 0;
        if (operation == OperationFlush)
        {
            if (!lengths.IsEmpty)
                return BlockErrno.InvalidArgument;
            if (!flushes)
                return BlockErrno.NotSupported;
            type = VirtioBlockRequestHeader.TypeFlush;
            return BlockErrno.None;
        }
        if (operation is not (OperationRead or OperationWrite) || lengths.IsEmpty || lengths.Length > dataDescriptors)
            return BlockErrno.InvalidArgument;
        ulong total = 0;
        foreach (uint length in lengths)
        {
            if (length == 0 || length % VirtioBlockConfig.ProtocolSector != 0)
                return BlockErrno.InvalidArgument;
            total += length;
            descriptors += config.MaxSegmentBytes == 0 ? 1 : (int)((length + (ulong)config.MaxSegmentBytes - 1) / config.MaxSegmentBytes);
            if (descriptors > dataDescriptors)
                return BlockErrno.InvalidArgument;
        }
        ulong sectorSize = (ulong)config.SectorSize;
        ulong count = total / sectorSize;
        if (total % sectorSize != 0 || sector > config.SectorCount || count > config.SectorCount - sector)
            return BlockErrno.InvalidArgument;
        if (operation == OperationWrite && readOnly)
            return BlockErrno.ReadOnly;
        type = operation == OperationRead ? VirtioBlockRequestHeader.TypeIn : VirtioBlockRequestHeader.TypeOut;
        deviceSector = sector * (sectorSize / VirtioBlockConfig.ProtocolSector);
        return BlockErrno.None;
    }
}
