using System;
using System.Text;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// Splits the kernel's log port (COM3) into lines and classifies them. The protocol, line by line
/// (LF-terminated, a CR before the LF is dropped, UTF-8):
/// <list type="bullet">
/// <item><c>@@sharprun-exit N</c>, N decimal 0-255 without sign: the application's exit code; the guest then powers off.</item>
/// <item><c>@@sharprun-panic</c>: the kernel panicked; the guest then powers off.</item>
/// <item><c>panic:</c> at the start of a line: part of a panic report.</item>
/// <item>anything else: a log message.</item>
/// </list>
/// The guest is not trusted: bytes that are not UTF-8 become U+FFFD, control characters are replaced so they cannot
/// drive the host's terminal, and a line longer than <see cref="MaxLineBytes"/> is cut into pieces, of which only
/// the first can be a record.
/// </summary>
public sealed class KernelLogParser
{
    public const int MaxLineBytes = 4096;
    public const string ExitRecord = "@@sharprun-exit ";
    public const string PanicRecord = "@@sharprun-panic";
    public const string RecordPrefix = "@@sharprun-";
    public const string PanicPrefix = "panic:";

    private readonly Action<KernelLogEntry> _onEntry;
    private readonly BoundedLineSplitter _lines;
    private KernelLogKind _continuedKind;

    public KernelLogParser(Action<KernelLogEntry> onEntry)
    {
        _onEntry = onEntry;
        _lines = new BoundedLineSplitter(MaxLineBytes, dropCarriageReturns: false, EmitLine);
    }

    public void Feed(ReadOnlySpan<byte> bytes) => _lines.Feed(bytes);

    /// <summary>The port closed: a last line without a newline still counts as a message, never as a record.</summary>
    public void Complete() => _lines.Complete();

    /// <summary>Classifies one whole line (without its newline).</summary>
    public static KernelLogEntry Classify(string line)
    {
        string text = TerminalText.Sanitize(line);
        if (line.StartsWith(PanicPrefix, StringComparison.Ordinal))
            return new KernelLogEntry(KernelLogKind.Panic, text);
        if (!line.StartsWith(RecordPrefix, StringComparison.Ordinal))
            return new KernelLogEntry(KernelLogKind.Message, text);
        if (line == PanicRecord)
            return new KernelLogEntry(KernelLogKind.PanicRecord, text);
        if (line.StartsWith(ExitRecord, StringComparison.Ordinal) && TryParseExitCode(line.AsSpan(ExitRecord.Length), out int code))
            return new KernelLogEntry(KernelLogKind.Exit, text, code);
        return new KernelLogEntry(KernelLogKind.MalformedRecord, text);
    }

    private static bool TryParseExitCode(ReadOnlySpan<char> digits, out int code)
    {
        code = 0;
        if (digits.Length is 0 or > 3)
            return false;
        foreach (char c in digits)
        {
            if (c is < '0' or > '9')
                return false;
            code = code * 10 + (c - '0');
        }
        return code <= 255;
    }

    private void EmitLine(ReadOnlySpan<byte> bytes, bool newline, bool continuation)
    {
        if (newline && bytes.Length > 0 && bytes[^1] == (byte)'\r')
            bytes = bytes[..^1];
        string line = Encoding.UTF8.GetString(bytes);

        KernelLogEntry entry;
        if (continuation)
        {
            // A piece of a cut line, or a line the port ended in the middle of: never a record.
            var kind = _continuedKind == KernelLogKind.Panic ? KernelLogKind.Panic : KernelLogKind.Message;
            entry = new KernelLogEntry(kind, TerminalText.Sanitize(line));
        }
        else
        {
            entry = newline ? Classify(line) : ClassifyCut(line);
        }
        _continuedKind = entry.Kind;
        _onEntry(entry);
    }

    /// <summary>The first piece of an over-long line: a panic report stays one, anything else is a message.</summary>
    private static KernelLogEntry ClassifyCut(string line) =>
        new(line.StartsWith(PanicPrefix, StringComparison.Ordinal) ? KernelLogKind.Panic : KernelLogKind.Message, TerminalText.Sanitize(line));
}
