using System.Runtime;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>CoreLib's EH clause enumeration (InternalCalls.RhpEHEnumInitFromStackFrameIterator/RhpEHEnumNext).</summary>
internal static unsafe class ClauseEnumerationExports
{
    /// <summary>
    /// bool RhpEHEnumInitFromStackFrameIterator(ref StackFrameIterator, out MethodRegionInfo, void* ehEnum):
    /// false when the current frame's method has no EH clauses.
    /// </summary>
    [RuntimeExport("RhpEHEnumInitFromStackFrameIterator")]
    private static bool Init(FrameIterator* iterator, MethodRegionInfo* region, EhClauseCursor* cursor)
    {
        *region = default;
        if ((iterator->Flags & FrameWalkFlags.MethodKnown) == 0)
            return false;
        byte* ehInfo = UnwindBlock.EhInfo(iterator->Method);
        if (ehInfo == null)
            return false;
        byte* methodStart = iterator->Method.MethodStart;
        UnwindDataError error = EhClauseCursor.TryOpen(ehInfo, ehInfo + EhClauseCursor.MaxEncodedSize, methodStart, out *cursor);
        if (error != UnwindDataError.None)
            Fail(error, methodStart);
        region->HotStartAddress = methodStart;
        return true;
    }

    /// <summary>bool RhpEHEnumNext(void* ehEnum, void* ehClause): the next RhEHClause, false after the last.</summary>
    [RuntimeExport("RhpEHEnumNext")]
    private static bool Next(EhClauseCursor* cursor, EhClause* clause)
    {
        if (cursor->TryNext(out *clause, out UnwindDataError error))
            return true;
        if (error != UnwindDataError.None)
            Fail(error, null);
        return false;
    }

    private static void Fail(UnwindDataError error, byte* method)
    {
        Panic.Begin("exception dispatch: malformed EH clauses");
        Panic.Value("error", (ulong)error);
        if (method != null)
            Panic.Location((ulong)method);
        Panic.End();
    }
}
