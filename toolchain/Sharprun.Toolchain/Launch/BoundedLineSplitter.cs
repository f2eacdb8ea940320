using System;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// Cuts a guest's byte stream into lines of at most the given length: LF ends a line and is not part of it; a
/// longer line is delivered in pieces, and every piece after the first is marked as continuing a cut line (so only a
/// first piece can be a record). A guest cannot make the host hold more than one line's bytes.
/// </summary>
public sealed class BoundedLineSplitter
{
    /// <param name="line">Valid only during the call.</param>
    /// <param name="endedByNewline">False for a piece cut at the length limit and for a last line without LF.</param>
    /// <param name="continuesCutLine">The bytes before this line were a piece cut at the length limit.</param>
    public delegate void LineHandler(ReadOnlySpan<byte> line, bool endedByNewline, bool continuesCutLine);

    private readonly byte[] _line;
    private readonly bool _dropCarriageReturns;
    private readonly LineHandler _onLine;
    private int _length;
    private bool _continuation;

    /// <param name="dropCarriageReturns">Drop every CR, for streams where CRs are transport noise.</param>
    public BoundedLineSplitter(int maxLineBytes, bool dropCarriageReturns, LineHandler onLine)
    {
        _line = new byte[maxLineBytes];
        _dropCarriageReturns = dropCarriageReturns;
        _onLine = onLine;
    }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b == (byte)'\r' && _dropCarriageReturns)
                continue;
            if (b == (byte)'\n')
            {
                Emit(newline: true);
                continue;
            }
            if (_length == _line.Length)
                Emit(newline: false);
            _line[_length++] = b;
        }
    }

    /// <summary>The stream ended: a last line without LF is still delivered.</summary>
    public void Complete()
    {
        if (_length > 0)
            Emit(newline: false);
        _continuation = false;
    }

    /// <summary>Bytes before the next ones were lost: the line begun so far is dropped, not delivered half.</summary>
    public void Discard() => _length = 0;

    private void Emit(bool newline)
    {
        int length = _length;
        _length = 0;
        bool continuation = _continuation;
        _continuation = !newline;
        _onLine(_line.AsSpan(0, length), newline, continuation);
    }
}
