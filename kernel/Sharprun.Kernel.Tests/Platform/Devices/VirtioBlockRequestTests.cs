using Sharprun.Hypercall.Devices.Block;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>
/// The virtio-blk request header and status, how a ring is cut into request slots, and the checks a request meets
/// before it reaches the ring.
/// </summary>
public sealed class VirtioBlockRequestTests
{
    private static readonly VirtioBlockConfig Disk = new(capacity: 2048, sectorSize: 512, maxSegmentBytes: 0, maxSegments: 0);

    [Fact]
    public void HeaderIsTypeReservedAndSectorLittleEndian()
    {
        var bytes = new byte[VirtioBlockRequestHeader.Size];
        bytes.AsSpan().Fill(0xCC);
        VirtioBlockRequestHeader.Write(bytes, VirtioBlockRequestHeader.TypeOut, 0x0102030405060708);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1 }, bytes);
        Assert.Equal(16, VirtioBlockRequestHeader.Size);
        Assert.Equal(4u, VirtioBlockRequestHeader.TypeFlush);
    }

    [Theory]
    [InlineData(VirtioBlockRequestHeader.StatusOk, 0)]
    [InlineData(VirtioBlockRequestHeader.StatusIoError, 5)]
    [InlineData(VirtioBlockRequestHeader.StatusUnsupported, 95)]
    [InlineData(VirtioBlockRequestHeader.StatusUnwritten, 5)]
    [InlineData(3, 5)]
    public void StatusBecomesErrno(byte status, int errno) => Assert.Equal(errno, VirtioBlockRequestHeader.ToErrno(status));

    [Theory]
    [InlineData(256, 0u, 32, 8, 6)]
    [InlineData(256, 2u, 32, 8, 2)]
    [InlineData(128, 0u, 32, 4, 2)]
    [InlineData(64, 0u, 21, 3, 1)]
    [InlineData(4, 0u, 1, 4, 2)]
    [InlineData(3, 0u, 1, 3, 1)]
    public void RingIsCutIntoSlots(int queueSize, uint maxSegments, int requests, int stride, int data)
    {
        Assert.True(VirtioBlockSlots.TryCompute(queueSize, maxSegments, out var slots));
        Assert.Equal(requests, slots.Requests);
        Assert.Equal(stride, slots.Stride);
        Assert.Equal(data, slots.DataDescriptors);
        Assert.True(slots.Requests * slots.Stride <= queueSize);
        int last = slots.Requests - 1;
        Assert.Equal(last, slots.SlotOf(slots.Head(last)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void RingsTooSmallForOneRequestAreRefused(int queueSize) =>
        Assert.False(VirtioBlockSlots.TryCompute(queueSize, 0, out _));

    [Fact]
    public void ReadsAndWritesBecomeTheirVirtioRequests()
    {
        Assert.Equal(0, Check(BlockRequestCheck.OperationRead, 10, [4096, 512], out uint type, out ulong sector, out int descriptors));
        Assert.Equal((VirtioBlockRequestHeader.TypeIn, 10UL, 2), (type, sector, descriptors));
        Assert.Equal(0, Check(BlockRequestCheck.OperationWrite, 2040, [4096], out type, out sector, out _));
        Assert.Equal((VirtioBlockRequestHeader.TypeOut, 2040UL), (type, sector));
    }

    [Fact]
    public void SectorsCountInTheDisksBlockSize()
    {
        var disk = new VirtioBlockConfig(capacity: 2048, sectorSize: 4096, maxSegmentBytes: 0, maxSegments: 0);
        Assert.Equal(0, BlockRequestCheck.Check(BlockRequestCheck.OperationRead, 3, [8192], disk, false, true, 6, out _, out ulong sector, out _));
        Assert.Equal(24UL, sector);
        Assert.Equal(22, BlockRequestCheck.Check(BlockRequestCheck.OperationRead, 0, [512], disk, false, true, 6, out _, out _, out _));
        Assert.Equal(22, BlockRequestCheck.Check(BlockRequestCheck.OperationRead, 255, [8192], disk, false, true, 6, out _, out _, out _));
    }

    [Fact]
    public void SegmentsLongerThanSizeMaxTakeSeveralDescriptors()
    {
        var disk = new VirtioBlockConfig(capacity: 2048, sectorSize: 512, maxSegmentBytes: 65536, maxSegments: 0);
        Assert.Equal(0, BlockRequestCheck.Check(BlockRequestCheck.OperationRead, 0, [131072, 65537 - 1 + 512], disk, false, true, 6, out _, out _, out int descriptors));
        Assert.Equal(4, descriptors);
        Assert.Equal(22, BlockRequestCheck.Check(BlockRequestCheck.OperationRead, 0, [131072, 131072, 131072], disk, false, true, 5, out _, out _, out _));
    }

    [Theory]
    [InlineData(3, 0, new uint[] { 512 })]
    [InlineData(-1, 0, new uint[] { 512 })]
    [InlineData(0, 0, new uint[0])]
    [InlineData(0, 0, new uint[] { 0 })]
    [InlineData(0, 0, new uint[] { 100 })]
    [InlineData(0, 0, new uint[] { 512, 513 })]
    [InlineData(0, 0, new uint[] { 512, 512, 512, 512, 512, 512, 512 })]
    [InlineData(0, 2048, new uint[] { 512 })]
    [InlineData(0, 2047, new uint[] { 1024 })]
    [InlineData(1, 2049, new uint[] { 512 })]
    [InlineData(0, ulong.MaxValue, new uint[] { 512 })]
    [InlineData(2, 0, new uint[] { 512 })]
    public void BadArgumentsAreInvalid(int operation, ulong sector, uint[] lengths) =>
        Assert.Equal(22, Check(operation, sector, lengths, out _, out _, out _));

    [Fact]
    public void WritesToAReadOnlyDiskAreRefusedAfterTheArguments()
    {
        Assert.Equal(30, BlockRequestCheck.Check(BlockRequestCheck.OperationWrite, 0, [512], Disk, readOnly: true, true, 6, out _, out _, out _));
        Assert.Equal(22, BlockRequestCheck.Check(BlockRequestCheck.OperationWrite, 0, [0], Disk, readOnly: true, true, 6, out _, out _, out _));
        Assert.Equal(0, BlockRequestCheck.Check(BlockRequestCheck.OperationRead, 0, [512], Disk, readOnly: true, true, 6, out _, out _, out _));
    }

    [Fact]
    public void FlushNeedsTheFeatureAndNoSegments()
    {
        Assert.Equal(0, BlockRequestCheck.Check(BlockRequestCheck.OperationFlush, 0, [], Disk, false, flushes: true, 6, out uint type, out ulong sector, out int descriptors));
        Assert.Equal((VirtioBlockRequestHeader.TypeFlush, 0UL, 0), (type, sector, descriptors));
        Assert.Equal(95, BlockRequestCheck.Check(BlockRequestCheck.OperationFlush, 0, [], Disk, false, flushes: false, 6, out _, out _, out _));
        Assert.Equal(0, BlockRequestCheck.Check(BlockRequestCheck.OperationFlush, 0, [], Disk, readOnly: true, flushes: true, 6, out _, out _, out _));
    }

    private static int Check(int operation, ulong sector, uint[] lengths, out uint type, out ulong deviceSector, out int descriptors) =>
        BlockRequestCheck.Check(operation, sector, lengths, Disk, readOnly: false, flushes: true, dataDescriptors: 6, out type, out deviceSector, out descriptors);
}
