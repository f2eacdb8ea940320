using System;
using System.Buffers.Binary;
using Sharprun.Hypercall.Devices.Pci;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Finding segment 0's ECAM window in an MCFG table, and refusing malformed entries.</summary>
public sealed class McfgTableTests
{
    private static byte[] Table(params (ulong Base, ushort Segment, byte Start, byte End)[] entries)
    {
        var table = new byte[44 + 16 * entries.Length];
        "MCFG"u8.CopyTo(table);
        for (int i = 0; i < entries.Length; i++)
        {
            var entry = table.AsSpan(44 + 16 * i);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, entries[i].Base);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], entries[i].Segment);
            entry[10] = entries[i].Start;
            entry[11] = entries[i].End;
        }
        return table;
    }

    [Fact]
    public void QemuQ35WindowIsFound()
    {
        Assert.True(McfgTable.TryFindSegmentZero(Table((0xB000_0000, 0, 0, 0xFF)), out ulong ecam, out byte lastBus));
        Assert.Equal(0xB000_0000UL, ecam);
        Assert.Equal(0xFF, lastBus);
    }

    [Fact]
    public void OtherSegmentsAndWindowsNotStartingAtBusZeroAreSkipped()
    {
        byte[] table = Table((0xC000_0000, 1, 0, 0xFF), (0xD010_0000, 0, 1, 4), (0xE000_0000, 0, 0, 7));
        Assert.True(McfgTable.TryFindSegmentZero(table, out ulong ecam, out byte lastBus));
        Assert.Equal(0xE000_0000UL, ecam);
        Assert.Equal(7, lastBus);
    }

    [Theory]
    [InlineData(0UL, (byte)0xFF)]
    [InlineData(0xB000_1000UL, (byte)0xFF)]
    public void ZeroOrMisalignedBaseIsRefused(ulong address, byte end) =>
        Assert.False(McfgTable.TryFindSegmentZero(Table((address, 0, 0, end)), out _, out _));

    [Fact]
    public void EmptyOrCutShortTablesHaveNoWindow()
    {
        Assert.False(McfgTable.TryFindSegmentZero(Table(), out _, out _));
        Assert.False(McfgTable.TryFindSegmentZero(new byte[10], out _, out _));
        byte[] cut = Table((0xB000_0000, 0, 0, 0xFF))[..50];
        Assert.False(McfgTable.TryFindSegmentZero(cut, out _, out _));
    }
}
