using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

/// <summary>Test-only reader of newc cpio archives, written from the format description to check the writer independently.</summary>
internal static class NewcArchiveReader
{
    public sealed record Entry(string Name, uint Inode, uint Mode, uint Links, uint RdevMajor, uint RdevMinor, byte[] Data);

    public static List<Entry> Read(byte[] archive)
    {
        var entries = new List<Entry>();
        int at = 0;
        while (true)
        {
            Assert.True(at % 4 == 0, $"entry at {at} is not 4-byte aligned");
            Assert.Equal("070701", Encoding.ASCII.GetString(archive, at, 6));
            uint Field(int index) => uint.Parse(Encoding.ASCII.GetString(archive, at + 6 + index * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            uint nameSize = Field(11);
            int nameStart = at + 110;
            Assert.Equal(0, archive[nameStart + (int)nameSize - 1]);
            string name = Encoding.UTF8.GetString(archive, nameStart, (int)nameSize - 1);
            int dataStart = Align(nameStart + (int)nameSize);
            int dataSize = (int)Field(6);
            var entry = new Entry(name, Field(0), Field(1), Field(4), Field(9), Field(10), archive.AsSpan(dataStart, dataSize).ToArray());
            Assert.Equal(0u, Field(2)); // uid
            Assert.Equal(0u, Field(12)); // check
            at = Align(dataStart + dataSize);
            if (name == "TRAILER!!!")
            {
                Assert.Equal(archive.Length, at);
                return entries;
            }
            entries.Add(entry);
        }
    }

    private static int Align(int offset) => (offset + 3) & ~3;
}
