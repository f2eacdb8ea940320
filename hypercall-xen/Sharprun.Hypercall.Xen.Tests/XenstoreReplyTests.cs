using System;
using System.Text;
using Sharprun.Hypercall.Xenstore;
using Xunit;

namespace Sharprun.Hypercall.Xen.Tests;

public class XenstoreReplyTests
{
    private static byte[] Header(uint type, uint id, uint length)
    {
        var header = new byte[16];
        BitConverter.TryWriteBytes(header.AsSpan(0), type);
        BitConverter.TryWriteBytes(header.AsSpan(4), id);
        BitConverter.TryWriteBytes(header.AsSpan(12), length);
        return header;
    }

    [Fact]
    public void HeaderWithinLimitIsAccepted()
    {
        Assert.Equal(XenstoreStatus.Ok, XenstoreReply.ParseHeader(Header(2, 7, 4096), out uint type, out uint id, out int length));
        Assert.Equal((2u, 7u, 4096), (type, id, length));
    }

    [Theory]
    [InlineData(4097u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x80000000u)]
    public void OversizedPayloadIsRejectedBeforeReading(uint length) =>
        Assert.Equal(XenstoreStatus.ReplyTooLong, XenstoreReply.ParseHeader(Header(2, 1, length), out _, out _, out _));

    [Fact]
    public void ShortHeaderIsMalformed() =>
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseHeader(new byte[15], out _, out _, out _));

    [Fact]
    public void ReplyToAnotherRequestIsRejected() =>
        Assert.Equal(XenstoreStatus.WrongRequestId, XenstoreReply.Match(XenstoreMessageType.Read, 5, 2, 6, "x"u8, out _));

    [Fact]
    public void ReplyOfAnotherTypeIsRejected() =>
        Assert.Equal(XenstoreStatus.UnexpectedType, XenstoreReply.Match(XenstoreMessageType.Read, 5, (uint)XenstoreMessageType.Write, 5, "OK\0"u8, out _));

    [Theory]
    [InlineData("ENOENT\0", 2)]
    [InlineData("EACCES\0", 13)]
    [InlineData("EAGAIN\0", 11)]
    [InlineData("E2BIG\0", 7)]
    public void KnownErrorsMapToErrno(string payload, int errno)
    {
        Assert.Equal(XenstoreStatus.ErrorReply, XenstoreReply.Match(XenstoreMessageType.Read, 1, 16, 1, Encoding.ASCII.GetBytes(payload), out int actual));
        Assert.Equal(errno, actual);
    }

    [Theory]
    [InlineData("ENOENT")]          // no terminator
    [InlineData("EBOGUS\0")]        // unknown name
    [InlineData("\0")]
    [InlineData("")]
    [InlineData("ENOENT\0\0")]
    [InlineData("ENO\0ENT\0")]
    public void MalformedErrorsAreRejected(string payload) =>
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.Match(XenstoreMessageType.Read, 1, 16, 1, Encoding.ASCII.GetBytes(payload), out _));

    [Fact]
    public void AcknowledgementMustBeExactlyOk()
    {
        Assert.Equal(XenstoreStatus.Ok, XenstoreReply.ParseAcknowledgement("OK\0"u8));
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseAcknowledgement("OK"u8));
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseAcknowledgement("OK\0x"u8));
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseAcknowledgement(""u8));
    }

    [Fact]
    public void DirectoryListsNames()
    {
        Assert.Equal(XenstoreStatus.Ok, XenstoreReply.ParseDirectory("name\0domid\0data\0"u8, out int count));
        Assert.Equal(3, count);
        Assert.Equal(XenstoreStatus.Ok, XenstoreReply.ParseDirectory(""u8, out count));
        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData("name")]            // unterminated
    [InlineData("a\0\0")]           // empty name
    [InlineData("a/b\0")]           // not a path element
    [InlineData("bad\u0001\0")]     // control character
    [InlineData("\0")]
    public void HostileDirectoriesAreRejected(string payload) =>
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseDirectory(Encoding.Latin1.GetBytes(payload), out _));

    [Fact]
    public void HighBytesInDirectoryAreRejected() =>
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseDirectory(new byte[] { 0xC3, 0xA9, 0 }, out _));

    [Theory]
    [InlineData("1\0", 1u)]
    [InlineData("4294967295\0", 4294967295u)]
    public void TransactionIdsAreDecimal(string payload, uint expected)
    {
        Assert.Equal(XenstoreStatus.Ok, XenstoreReply.ParseTransactionId(Encoding.ASCII.GetBytes(payload), out uint id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("0\0")]
    [InlineData("01\0")]
    [InlineData("4294967296\0")]
    [InlineData("99999999999\0")]
    [InlineData("-1\0")]
    [InlineData("12")]
    [InlineData("1 \0")]
    [InlineData("\0")]
    public void BadTransactionIdsAreRejected(string payload) =>
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseTransactionId(Encoding.ASCII.GetBytes(payload), out _));

    [Fact]
    public void WatchEventCarriesPathAndToken()
    {
        Assert.Equal(XenstoreStatus.Ok, XenstoreReply.ParseWatchEvent("control/shutdown\0tok\0"u8, out int path, out int token));
        Assert.Equal((16, 3), (path, token));
    }

    [Theory]
    [InlineData("path\0token")]       // token unterminated
    [InlineData("path\0token\0x")]    // trailing bytes
    [InlineData("\0token\0")]         // empty path
    [InlineData("path\0\0")]          // empty token
    [InlineData("path")]
    [InlineData("pa\u0007th\0t\0")]
    public void HostileWatchEventsAreRejected(string payload) =>
        Assert.Equal(XenstoreStatus.Malformed, XenstoreReply.ParseWatchEvent(Encoding.Latin1.GetBytes(payload), out _, out _));

    [Fact]
    public void RequestStringsMustBePrintable()
    {
        Assert.True(XenstoreReply.IsValidRequestString("data/sharprun"u8));
        Assert.False(XenstoreReply.IsValidRequestString(""u8));
        Assert.False(XenstoreReply.IsValidRequestString("a\0b"u8));
        Assert.False(XenstoreReply.IsValidRequestString(new byte[4096]));
    }

    [Fact]
    public void HeaderRoundTrips()
    {
        var header = new byte[16];
        XenstoreReply.WriteHeader(header, XenstoreMessageType.Write, 9, 3, 12);
        Assert.Equal(XenstoreStatus.Ok, XenstoreReply.ParseHeader(header, out uint type, out uint id, out int length));
        Assert.Equal(((uint)XenstoreMessageType.Write, 9u, 12), (type, id, length));
    }
}
