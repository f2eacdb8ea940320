using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

public sealed unsafe class EhClauseCursorTests
{
    [Fact]
    public void ReadsTheClauseIlcWroteForProgramMain()
    {
        // h.Program.Main's EH info from ILC 9.0.20: one typed clause, try [0x67, 0x8E), handler at +0x256;
        // the type pointer (a relocation in the object) is written here to point 0x40 bytes ahead.
        var memory = new PinnedMemory(0x100);
        memory.Bytes(0x02, 0xCE, 0x71, 0x02, 0x59, 0x09);
        memory.SelfRelative(memory.At(0x46));
        byte* method = memory.At(0x80);

        Assert.Equal(UnwindDataError.None, EhClauseCursor.TryOpen(memory.Base, memory.End, method, out var cursor));
        Assert.Equal(1u, cursor.Remaining);
        Assert.True(cursor.TryNext(out EhClause clause, out var error));
        Assert.Equal(UnwindDataError.None, error);
        Assert.Equal(EhClauseKind.Typed, clause.Kind);
        Assert.Equal(0x67u, clause.TryStartOffset);
        Assert.Equal(0x8Eu, clause.TryEndOffset);
        Assert.True(clause.HandlerAddress == method + 0x256);
        Assert.True(clause.TargetType == memory.At(0x46));
        Assert.False(cursor.TryNext(out _, out error));
        Assert.Equal(UnwindDataError.None, error);
    }

    [Fact]
    public void ReadsEveryKindWithWideNumbers()
    {
        var memory = new PinnedMemory(0x100);
        memory.NativeUnsigned(4);
        // finally: try [0x10, 0x4010), handler 0x5000
        memory.NativeUnsigned(0x10);
        memory.NativeUnsigned((0x4000u << 2) | 1);
        memory.NativeUnsigned(0x5000);
        // the separator ILC puts between different try blocks with equal offsets
        memory.NativeUnsigned(0);
        memory.NativeUnsigned(1);
        memory.NativeUnsigned(0);
        // filter: try [0x20_0000, 0x20_0008), handler 0x300000, filter 0x1000_0000
        memory.NativeUnsigned(0x20_0000);
        memory.NativeUnsigned((8u << 2) | 2);
        memory.NativeUnsigned(0x30_0000);
        memory.NativeUnsigned(0x1000_0000);
        // typed: type pointer to the buffer start
        memory.NativeUnsigned(1);
        memory.NativeUnsigned(4u << 2);
        memory.NativeUnsigned(2);
        memory.SelfRelative(memory.Base);
        byte* method = (byte*)0x1_0000_0000;

        Assert.Equal(UnwindDataError.None, EhClauseCursor.TryOpen(memory.Base, memory.Here, method, out var cursor));
        Assert.True(cursor.TryNext(out var fin, out _));
        Assert.Equal(EhClauseKind.Fault, fin.Kind);
        Assert.Equal(0x10u, fin.TryStartOffset);
        Assert.Equal(0x4010u, fin.TryEndOffset);
        Assert.True(fin.HandlerAddress == method + 0x5000);
        Assert.True(cursor.TryNext(out var separator, out _));
        Assert.Equal(EhClauseKind.Fault, separator.Kind);
        Assert.Equal(0u, separator.TryStartOffset + separator.TryEndOffset);
        Assert.True(cursor.TryNext(out var filter, out _));
        Assert.Equal(EhClauseKind.Filter, filter.Kind);
        Assert.Equal(0x20_0008u, filter.TryEndOffset);
        Assert.True(filter.HandlerAddress == method + 0x30_0000);
        Assert.True(filter.FilterAddress == method + 0x1000_0000);
        Assert.True(cursor.TryNext(out var typed, out _));
        Assert.True(typed.TargetType == memory.Base);
        Assert.False(cursor.TryNext(out _, out var error));
        Assert.Equal(UnwindDataError.None, error);
    }

    [Fact]
    public void RejectsAnAbsurdClauseCount()
    {
        var memory = new PinnedMemory(16);
        memory.NativeUnsigned(EhClauseCursor.MaxClauses + 1);
        Assert.Equal(UnwindDataError.BadEhInfo, EhClauseCursor.TryOpen(memory.Base, memory.End, null, out _));
        Assert.Equal(UnwindDataError.Truncated, EhClauseCursor.TryOpen(memory.Base, memory.Base, null, out _));
    }

    [Fact]
    public void RejectsTheUnusedKind()
    {
        var memory = new PinnedMemory(16);
        memory.Bytes(0x02, 0x00, 0x03 << 1, 0x00);
        AssertMalformed(memory, UnwindDataError.BadEhInfo);
    }

    [Fact]
    public void RejectsATryRangeThatWraps()
    {
        var memory = new PinnedMemory(32);
        memory.NativeUnsigned(1);
        memory.NativeUnsigned(0xFFFF_FFF0);
        memory.NativeUnsigned((0x20u << 2) | 1);
        memory.NativeUnsigned(0);
        AssertMalformed(memory, UnwindDataError.BadEhInfo);
    }

    [Fact]
    public void RejectsEveryTruncation()
    {
        var full = new PinnedMemory(32);
        full.Bytes(0x04, 0xCE, 0x71, 0x02, 0x59, 0x09, 0, 0, 0, 0, 0x02, 0x05, 0x02, 0x04);
        for (int length = 1; length < full.Position; length++)
        {
            Assert.Equal(UnwindDataError.None, EhClauseCursor.TryOpen(full.Base, full.At(length), null, out var cursor));
            int read = 0;
            while (cursor.TryNext(out _, out var error))
                read++;
            Assert.True(read < 2, $"a {length}-byte prefix yielded both clauses");
            Assert.Equal(0u, cursor.Remaining);
        }
    }

    private static void AssertMalformed(PinnedMemory memory, UnwindDataError expected)
    {
        Assert.Equal(UnwindDataError.None, EhClauseCursor.TryOpen(memory.Base, memory.End, null, out var cursor));
        Assert.False(cursor.TryNext(out var clause, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(0u, cursor.Remaining);
        Assert.False(cursor.TryNext(out _, out error));
        Assert.Equal(UnwindDataError.None, error);
    }
}
