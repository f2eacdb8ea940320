using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Hypercall.Interrupts;
using Xunit;

namespace Sharprun.Toolchain.Tests.Platform;

/// <summary>The bare-metal platform's MADT reading (hypercall-baremetal Interrupts/MadtParser), good and hostile tables.</summary>
public class MadtParserTests
{
    private static byte[] LocalApic(byte processor, byte id) => [0, 8, processor, id, 1, 0, 0, 0];

    private static byte[] IoApic(byte id, uint address, uint firstInterrupt)
    {
        var entry = new byte[12];
        entry[0] = 1;
        entry[1] = 12;
        entry[2] = id;
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), address);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), firstInterrupt);
        return entry;
    }

    private static byte[] Override(byte source, uint globalInterrupt, ushort flags, byte bus = 0)
    {
        var entry = new byte[10];
        entry[0] = 2;
        entry[1] = 10;
        entry[2] = bus;
        entry[3] = source;
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), globalInterrupt);
        BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(8), flags);
        return entry;
    }

    private static byte[] Madt(params byte[][] entries)
    {
        var body = new List<byte>();
        body.AddRange(BitConverter.GetBytes(0xFEE00000u));
        body.AddRange(BitConverter.GetBytes(1u));
        foreach (var entry in entries)
            body.AddRange(entry);
        return AcpiTablesTests.Table("APIC", body.ToArray());
    }

    /// <summary>QEMU's pc machine: one CPU, one I/O APIC, overrides for IRQ 0 and the level-triggered PCI lines 5, 9–11.</summary>
    private static byte[] QemuMadt() => Madt(
        LocalApic(0, 0),
        IoApic(0, 0xFEC00000, 0),
        Override(0, 2, 0),
        Override(5, 5, 0x000D),
        Override(9, 9, 0x000D),
        Override(10, 10, 0x000D),
        Override(11, 11, 0x000D),
        [4, 6, 0xFF, 0, 0, 1]);

    [Fact]
    public void QemusTableRoutesTheTimerToGsi2AndLeavesTheSerialLineAlone()
    {
        Assert.True(MadtParser.TryParse(QemuMadt(), out var routing));
        Assert.Equal(0xFEC00000UL, routing.IoApicAddress);
        Assert.Equal(0u, routing.IoApicFirstInterrupt);
        Assert.Equal(2u, routing.Isa[0].GlobalInterrupt);
        Assert.False(routing.Isa[0].ActiveLow);
        Assert.False(routing.Isa[0].LevelTriggered);
        Assert.Equal(4u, routing.Isa[4].GlobalInterrupt);
        Assert.False(routing.Isa[4].LevelTriggered);
        // QEMU's PCI lines: flags 0xD, active high and level-triggered.
        Assert.False(routing.Isa[9].ActiveLow);
        Assert.True(routing.Isa[9].LevelTriggered);
        Assert.Equal(15u, routing.Isa[15].GlobalInterrupt);
    }

    [Fact]
    public void ThePcDefaultMatchesQemu()
    {
        Assert.True(MadtParser.TryParse(QemuMadt(), out var parsed));
        var fallback = InterruptRouting.PcDefault();
        Assert.Equal(parsed.IoApicAddress, fallback.IoApicAddress);
        Assert.Equal(parsed.Isa[0].GlobalInterrupt, fallback.Isa[0].GlobalInterrupt);
        Assert.Equal(parsed.Isa[4].GlobalInterrupt, fallback.Isa[4].GlobalInterrupt);
    }

    [Fact]
    public void ExplicitPolarityAndTriggerAreTaken()
    {
        Assert.True(MadtParser.TryParse(Madt(IoApic(0, 0xFEC00000, 0), Override(7, 7, 0x000F), Override(8, 8, 0x0005)), out var routing));
        Assert.True(routing.Isa[7].ActiveLow);
        Assert.True(routing.Isa[7].LevelTriggered);
        Assert.False(routing.Isa[8].ActiveLow);
        Assert.False(routing.Isa[8].LevelTriggered);
    }

    [Fact]
    public void TheIoApicServingGsi0IsChosen()
    {
        Assert.True(MadtParser.TryParse(Madt(IoApic(1, 0xFEC01000, 24), IoApic(0, 0xFEC00000, 0)), out var routing));
        Assert.Equal(0xFEC00000UL, routing.IoApicAddress);
        Assert.True(MadtParser.TryParse(Madt(IoApic(1, 0xFEC01000, 24)), out routing));
        Assert.Equal(24u, routing.IoApicFirstInterrupt);
    }

    [Fact]
    public void OverridesOfOtherBusesOrBeyondTheIsaLinesAreIgnored()
    {
        Assert.True(MadtParser.TryParse(Madt(IoApic(0, 0xFEC00000, 0), Override(3, 20, 0, bus: 1), Override(16, 20, 0)), out var routing));
        Assert.Equal(3u, routing.Isa[3].GlobalInterrupt);
    }

    [Fact]
    public void ATableWithoutAnIoApicIsRefused() =>
        Assert.False(MadtParser.TryParse(Madt(LocalApic(0, 0), Override(0, 2, 0)), out _));

    [Fact]
    public void ReservedPolarityOrTriggerEncodingsAreRefused()
    {
        Assert.False(MadtParser.TryParse(Madt(IoApic(0, 0xFEC00000, 0), Override(0, 2, 0x0002)), out _));
        Assert.False(MadtParser.TryParse(Madt(IoApic(0, 0xFEC00000, 0), Override(0, 2, 0x0008)), out _));
    }

    public static IEnumerable<object[]> MalformedEntries() =>
    [
        [new byte[] { 0, 0 }],                    // length 0: would never advance
        [new byte[] { 0, 1 }],                    // shorter than its own header
        [new byte[] { 0, 200, 0, 0 }],            // runs past the end
        [new byte[] { 1, 8, 0, 0, 0, 0, 0, 0 }],  // an I/O APIC entry cut short
        [new byte[] { 2, 6, 0, 0, 2, 0 }],        // an override cut short
        [new byte[] { 7 }],                       // a lone type byte
    ];

    [Theory]
    [MemberData(nameof(MalformedEntries))]
    public void MalformedEntriesAreRefused(byte[] entry) =>
        Assert.False(MadtParser.TryParse(Madt(IoApic(0, 0xFEC00000, 0), entry), out _));

    [Fact]
    public void TablesShorterThanTheirFixedPartAreRefused()
    {
        Assert.False(MadtParser.TryParse(new byte[43], out _));
        Assert.False(MadtParser.TryParse([], out _));
    }

    [Fact]
    public void RandomBytesNeverCrashOrHang()
    {
        var random = new Random(4);
        var valid = QemuMadt();
        for (int round = 0; round < 20000; round++)
        {
            var table = (byte[])valid.Clone();
            int flips = random.Next(1, 6);
            for (int i = 0; i < flips; i++)
                table[random.Next(44, table.Length)] = (byte)random.Next(256);
            int length = random.Next(0, table.Length + 1);
            MadtParser.TryParse(table.AsSpan(0, length), out _);
        }
    }
}
