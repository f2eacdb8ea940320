using System;
using System.Buffers.Binary;
using System.Text;
using Sharprun.Hypercall.Console;
using Xunit;

namespace Sharprun.Hypercall.Xen.Tests;

/// <summary>Draining the console page's input ring, with the indices a misbehaving backend could write.</summary>
public unsafe class ConsoleRingInputTests
{
    private readonly byte[] _page = new byte[4096];

    /// <summary>Puts <paramref name="text"/> in the ring as xenconsoled would, starting at index <paramref name="from"/>.</summary>
    private void Produce(uint from, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (int i = 0; i < bytes.Length; i++)
            _page[ConsoleRingInput.RingOffset + (int)((from + (uint)i) & (ConsoleRingInput.RingSize - 1))] = bytes[i];
        SetProducer(from + (uint)bytes.Length);
    }

    private void SetProducer(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(ConsoleRingInput.ProducerOffset), value);

    private uint PublishedConsumer => BinaryPrimitives.ReadUInt32LittleEndian(_page.AsSpan(ConsoleRingInput.ConsumerOffset));

    private int Take(ref uint consumer, byte[] buffer)
    {
        fixed (byte* page = _page)
        fixed (byte* target = buffer)
            return ConsoleRingInput.Take(page, ref consumer, target, buffer.Length);
    }

    [Fact]
    public void TakesWhatWasProducedAndPublishesTheConsumerIndex()
    {
        uint consumer = 0;
        Produce(0, "hello\n");
        var buffer = new byte[64];
        Assert.Equal(6, Take(ref consumer, buffer));
        Assert.Equal("hello\n", Encoding.ASCII.GetString(buffer, 0, 6));
        Assert.Equal(6u, consumer);
        Assert.Equal(6u, PublishedConsumer);
        Assert.Equal(0, Take(ref consumer, buffer));
    }

    [Fact]
    public void ASmallBufferTakesThePrefixAndLeavesTheRest()
    {
        uint consumer = 0;
        Produce(0, "abcdef");
        var buffer = new byte[4];
        Assert.Equal(4, Take(ref consumer, buffer));
        Assert.Equal("abcd", Encoding.ASCII.GetString(buffer));
        Assert.Equal(2, Take(ref consumer, buffer));
        Assert.Equal("ef", Encoding.ASCII.GetString(buffer, 0, 2));
    }

    [Fact]
    public void DataWrapsAroundTheRingEndAndTheIndicesAroundUintMax()
    {
        uint consumer = uint.MaxValue - 2;
        Produce(consumer, "wrapped!");
        var buffer = new byte[16];
        Assert.Equal(8, Take(ref consumer, buffer));
        Assert.Equal("wrapped!", Encoding.ASCII.GetString(buffer, 0, 8));
        Assert.Equal(5u, consumer);
    }

    [Fact]
    public void AFullRingIsReadWhole()
    {
        uint consumer = 100;
        Produce(100, new string('x', (int)ConsoleRingInput.RingSize));
        var buffer = new byte[2048];
        Assert.Equal((int)ConsoleRingInput.RingSize, Take(ref consumer, buffer));
    }

    [Theory]
    [InlineData(1025u)]
    [InlineData(uint.MaxValue)]
    [InlineData(0x8000_0000u)]
    public void AnImpossibleProducerIndexIsRejectedWithoutCopyingOrPublishing(uint ahead)
    {
        uint consumer = 500;
        BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(ConsoleRingInput.ConsumerOffset), 500);
        SetProducer(consumer + ahead);
        var buffer = new byte[16];
        Array.Fill(buffer, (byte)'?');
        Assert.Equal(-1, Take(ref consumer, buffer));
        Assert.Equal(500u, consumer);
        Assert.Equal(500u, PublishedConsumer);
        Assert.All(buffer, b => Assert.Equal((byte)'?', b));
    }

    [Fact]
    public void AnEmptyBufferTakesNothing()
    {
        uint consumer = 0;
        Produce(0, "data");
        Assert.Equal(0, Take(ref consumer, Array.Empty<byte>()));
        Assert.Equal(0u, consumer);
    }
}
