using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// Reads a method's EH info as ILC encodes it: a native-format unsigned clause count, then per clause
/// the try start offset, (try length &lt;&lt; 2 | kind), the handler offset, and for typed clauses a
/// 32-bit self-relative pointer to the caught type's MethodTable, for filters the filter offset.
/// 32 bytes, so it doubles as CoreLib's opaque EHEnum.
/// </summary>
public unsafe struct EhClauseCursor
{
    /// <summary>More clauses than any method has; a larger count is corrupt data.</summary>
    public const uint MaxClauses = 1 << 16;

    /// <summary>The most bytes one encoded clause can take (four 5-byte integers).</summary>
    public const int MaxClauseSize = 20;

    private byte* _methodStart;
    private byte* _cursor;
    private byte* _end;
    private uint _remaining;

    /// <summary>The most bytes EH info with <see cref="MaxClauses"/> clauses can take, for callers that have no end bound.</summary>
    public static nuint MaxEncodedSize => 5 + (nuint)MaxClauses * MaxClauseSize;

    public static UnwindDataError TryOpen(byte* ehInfo, byte* end, byte* methodStart, out EhClauseCursor cursor)
    {
        cursor = default;
        var reader = new BoundedReader(ehInfo, end);
        if (!reader.TryReadNativeUnsigned(out uint count))
            return UnwindDataError.Truncated;
        if (count > MaxClauses)
            return UnwindDataError.BadEhInfo;
        cursor._methodStart = methodStart;
        cursor._cursor = reader.Cursor;
        cursor._end = reader.End;
        cursor._remaining = count;
        return UnwindDataError.None;
    }

    public readonly uint Remaining => _remaining;

    /// <summary>
    /// Reads the next clause. Returns false at the end, or with <paramref name="error"/> set when the
    /// clause is malformed (after which the cursor stays exhausted).
    /// </summary>
    public bool TryNext(out EhClause clause, out UnwindDataError error)
    {
        clause = default;
        error = UnwindDataError.None;
        if (_remaining == 0)
            return false;
        var reader = new BoundedReader(_cursor, _end);
        error = ReadClause(ref reader, ref clause);
        if (error != UnwindDataError.None)
        {
            _remaining = 0;
            clause = default;
            return false;
        }
        _cursor = reader.Cursor;
        _remaining--;
        return true;
    }

    private readonly UnwindDataError ReadClause(ref BoundedReader reader, ref EhClause clause)
    {
        if (!reader.TryReadNativeUnsigned(out uint tryStart) || !reader.TryReadNativeUnsigned(out uint lengthAndKind))
            return UnwindDataError.Truncated;
        uint kind = lengthAndKind & 3;
        uint tryEnd = tryStart + (lengthAndKind >> 2);
        if (tryEnd < tryStart || kind == 3)
            return UnwindDataError.BadEhInfo;
        clause.Kind = (EhClauseKind)kind;
        clause.TryStartOffset = tryStart;
        clause.TryEndOffset = tryEnd;

        if (!reader.TryReadNativeUnsigned(out uint handlerOffset))
            return UnwindDataError.Truncated;
        clause.HandlerAddress = _methodStart + handlerOffset;
        switch (clause.Kind)
        {
            case EhClauseKind.Typed:
                byte* field = reader.Cursor;
                if (!reader.TryReadInt32(out int relative))
                    return UnwindDataError.Truncated;
                clause.TargetType = field + relative;
                break;
            case EhClauseKind.Filter:
                if (!reader.TryReadNativeUnsigned(out uint filterOffset))
                    return UnwindDataError.Truncated;
                clause.FilterAddress = _methodStart + filterOffset;
                break;
        }
        return UnwindDataError.None;
    }
}
