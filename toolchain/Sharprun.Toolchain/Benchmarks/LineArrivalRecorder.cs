using System;
using System.Collections.Generic;
using System.IO;
using System.Diagnostics;
using System.Text;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A write-only stream that splits what a guest prints into lines and notes, on a shared clock, when each line
/// completed: the host's own measure of how long a guest took between two of its lines, independent of the
/// guest's clock. Line endings (LF, or CRLF from a Linux tty) are removed; an unfinished last line is kept apart.
/// </summary>
public sealed class LineArrivalRecorder : Stream
{
    private readonly Stopwatch _clock;
    private readonly List<TimedLine> _lines = [];
    private readonly MemoryStream _partial = new();
    private readonly object _lock = new();

    public LineArrivalRecorder(Stopwatch clock) => _clock = clock;

    /// <summary>The complete lines so far, in order.</summary>
    public IReadOnlyList<TimedLine> Lines
    {
        get
        {
            lock (_lock)
                return _lines.ToArray();
        }
    }

    /// <summary>Everything received, complete lines and the unfinished rest, for error messages.</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                var text = new StringBuilder();
                foreach (var line in _lines)
                    text.Append(line.Text).Append('\n');
                return text.Append(Decode(_partial.GetBuffer().AsSpan(0, (int)_partial.Length))).ToString();
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
        {
            var at = _clock.Elapsed;
            while (buffer.Length > 0)
            {
                int newline = buffer.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    _partial.Write(buffer);
                    return;
                }
                _partial.Write(buffer[..newline]);
                _lines.Add(new TimedLine(Decode(_partial.GetBuffer().AsSpan(0, (int)_partial.Length)).TrimEnd('\r'), at));
                _partial.SetLength(0);
                buffer = buffer[(newline + 1)..];
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
