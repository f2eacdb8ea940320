using System;
using System.Buffers.Binary;
using System.Text;
using Sharprun.Hypercall.Interrupts;
using Xunit;

namespace Sharprun.Toolchain.Tests.Platform;

/// <summary>The bare-metal platform's ACPI checks (hypercall-baremetal Interrupts/AcpiTables), fed good and hostile bytes.</summary>
public class AcpiTablesTests
{
    /// <summary>A table with a header for <paramref name="signature"/> and <paramref name="body"/>, checksum fixed.</summary>
    internal static byte[] Table(string signature, byte[] body)
    {
        var table = new byte[AcpiTables.HeaderSize + body.Length];
        Encoding.ASCII.GetBytes(signature).CopyTo(table, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4), (uint)table.Length);
        table[8] = 1;
        body.CopyTo(table, AcpiTables.HeaderSize);
        FixChecksum(table, 9);
        return table;
    }

    internal static void FixChecksum(byte[] bytes, int at, int length = -1)
    {
        bytes[at] = 0;
        byte sum = 0;
        foreach (byte b in bytes.AsSpan(0, length < 0 ? bytes.Length : length))
            sum += b;
        bytes[at] = (byte)-sum;
    }

    private static byte[] Rsdp(byte revision, uint rsdt, ulong xsdt)
    {
        var rsdp = new byte[AcpiTables.ExtendedRsdpSize];
        Encoding.ASCII.GetBytes("RSD PTR ").CopyTo(rsdp, 0);
        Encoding.ASCII.GetBytes("QEMU  ").CopyTo(rsdp, 9);
        rsdp[15] = revision;
        BinaryPrimitives.WriteUInt32LittleEndian(rsdp.AsSpan(16), rsdt);
        BinaryPrimitives.WriteUInt32LittleEndian(rsdp.AsSpan(20), AcpiTables.ExtendedRsdpSize);
        BinaryPrimitives.WriteUInt64LittleEndian(rsdp.AsSpan(24), xsdt);
        FixChecksum(rsdp, 8, AcpiTables.RsdpSize);
        FixChecksum(rsdp, 32);
        return rsdp;
    }

    [Fact]
    public void AVersionOneRsdpNamesTheRsdt()
    {
        Assert.True(AcpiTables.TryReadRsdp(Rsdp(0, 0x7FE1234, 0), out ulong root, out bool extended));
        Assert.Equal(0x7FE1234UL, root);
        Assert.False(extended);
    }

    [Fact]
    public void AVersionTwoRsdpNamesTheXsdt()
    {
        Assert.True(AcpiTables.TryReadRsdp(Rsdp(2, 0x7FE1234, 0x1_2345_6000), out ulong root, out bool extended));
        Assert.Equal(0x1_2345_6000UL, root);
        Assert.True(extended);
    }

    [Fact]
    public void ABadExtendedChecksumFallsBackToTheRsdt()
    {
        var rsdp = Rsdp(2, 0x7FE1234, 0x1_2345_6000);
        rsdp[35] ^= 0x55;
        Assert.True(AcpiTables.TryReadRsdp(rsdp, out ulong root, out bool extended));
        Assert.Equal(0x7FE1234UL, root);
        Assert.False(extended);
    }

    [Fact]
    public void RsdpsWithABadSignatureChecksumOrNoAddressAreRefused()
    {
        var badChecksum = Rsdp(0, 0x1000, 0);
        badChecksum[16] ^= 1;
        var badSignature = Rsdp(0, 0x1000, 0);
        badSignature[0] = (byte)'X';
        FixChecksum(badSignature, 8, AcpiTables.RsdpSize);
        Assert.False(AcpiTables.TryReadRsdp(badChecksum, out _, out _));
        Assert.False(AcpiTables.TryReadRsdp(badSignature, out _, out _));
        Assert.False(AcpiTables.TryReadRsdp(Rsdp(0, 0, 0), out _, out _));
        Assert.False(AcpiTables.TryReadRsdp(Rsdp(0, 0x1000, 0).AsSpan(0, 19), out _, out _));
        Assert.False(AcpiTables.TryReadRsdp([], out _, out _));
    }

    [Fact]
    public void ValidTablesPassAndDamagedOnesDoNot()
    {
        var table = Table("APIC", new byte[20]);
        Assert.True(AcpiTables.IsValid(table, "APIC"u8));
        Assert.False(AcpiTables.IsValid(table, "XSDT"u8));

        var damaged = (byte[])table.Clone();
        damaged[40] = 7;
        Assert.False(AcpiTables.IsValid(damaged, "APIC"u8));
        Assert.False(AcpiTables.IsValid(table.AsSpan(0, table.Length - 1), "APIC"u8));
        Assert.False(AcpiTables.IsValid(table.AsSpan(0, 10), "APIC"u8));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(35u)]
    [InlineData((uint)AcpiTables.MaxTableLength + 1)]
    [InlineData(uint.MaxValue)]
    public void ImpossibleDeclaredLengthsReadAsZero(uint length)
    {
        var header = Table("APIC", []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length);
        Assert.Equal(0, AcpiTables.DeclaredLength(header));
        Assert.False(AcpiTables.IsValid(header, "APIC"u8));
    }

    [Fact]
    public void RootTablesListTheirEntries()
    {
        var body = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(body, 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), 0x2000);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), 0x3000);
        var rsdt = Table("RSDT", body);
        Assert.Equal(3, AcpiTables.RootEntryCount(rsdt, extended: false));
        Assert.Equal(0x2000UL, AcpiTables.RootEntry(rsdt, extended: false, 1));

        var xsdt = Table("XSDT", body[..8]);
        Assert.Equal(1, AcpiTables.RootEntryCount(xsdt, extended: true));
        Assert.Equal(0x0000_2000_0000_1000UL, AcpiTables.RootEntry(xsdt, extended: true, 0));

        // A trailing partial entry is not an entry.
        Assert.Equal(1, AcpiTables.RootEntryCount(Table("XSDT", body), extended: true));
        Assert.Equal(0, AcpiTables.RootEntryCount(new byte[10], extended: false));
    }
}
