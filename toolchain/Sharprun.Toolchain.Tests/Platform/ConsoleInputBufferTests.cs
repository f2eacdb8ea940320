using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Hypercall.Devices;
using Xunit;

namespace Sharprun.Toolchain.Tests.Platform;

/// <summary>The bare-metal platform's console receive buffer (hypercall-baremetal Devices/ConsoleInputBuffer).</summary>
public class ConsoleInputBufferTests
{
    [Fact]
    public void BytesComeOutInOrderAndUnchanged()
    {
        var buffer = new ConsoleInputBuffer();
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        foreach (byte b in all)
            Assert.True(buffer.TryAdd(b));
        var read = new byte[300];
        Assert.Equal(256, buffer.Read(read));
        Assert.Equal(all, read[..256]);
        Assert.Equal(0, buffer.Read(read));
    }

    [Fact]
    public void AFullBufferRefusesMoreAndKeepsWhatItHas()
    {
        var buffer = new ConsoleInputBuffer();
        for (int i = 0; i < ConsoleInputBuffer.Capacity; i++)
            Assert.True(buffer.TryAdd((byte)(i % 251)));
        Assert.True(buffer.IsFull);
        Assert.False(buffer.TryAdd(0xAA));
        var read = new byte[ConsoleInputBuffer.Capacity + 1];
        Assert.Equal(ConsoleInputBuffer.Capacity, buffer.Read(read));
        Assert.Equal((ConsoleInputBuffer.Capacity - 1) % 251, read[ConsoleInputBuffer.Capacity - 1]);
        Assert.False(buffer.IsFull);
    }

    [Fact]
    public void ManyTimesItsSizeWrapsAroundIntact()
    {
        var random = new Random(7);
        var input = new byte[5 * ConsoleInputBuffer.Capacity + 13];
        random.NextBytes(input);
        var buffer = new ConsoleInputBuffer();
        var output = new List<byte>();
        var chunk = new byte[333];
        foreach (byte b in input)
        {
            if (buffer.IsFull)
                output.AddRange(chunk[..buffer.Read(chunk)]);
            Assert.True(buffer.TryAdd(b));
        }
        int count;
        while ((count = buffer.Read(chunk)) > 0)
            output.AddRange(chunk[..count]);
        Assert.Equal(input, output);
    }

    [Fact]
    public void ReadingIntoNothingTakesNothing()
    {
        var buffer = new ConsoleInputBuffer();
        buffer.TryAdd(1);
        Assert.Equal(0, buffer.Read([]));
        Assert.Equal(1, buffer.Count);
    }
}
