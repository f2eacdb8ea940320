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
    private readonly byte[] _line = new byte[MaxLineBytes];
    private int _length;
    private bool _continuation;
    private KernelLogKind _continuedKind;

    public KernelLogParser(Action<KernelLogEntry> onEntry) => _onEntry = onEntry;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b == (byte)'\n')
            {
                EmitLine(newline: true);
                continue;
            }
            if (_length == MaxLineBytes)
                EmitLine(newline: false);
            _line[_length++] = b;
        }
    }

    /// <summary>The port closed: a last line without a newline still counts as a message, never as a record.</summary>
    public void Complete()
    {
        if (_length > 0)
            EmitLine(newline: false);
        _continuation = false;
    }

    /// <summary>Classifies one whole line (without its newline).</summary>
    public static KernelLogEntry Classify(string line)
    {
        string text = Sanitize(line);
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

    private void EmitLine(bool newline)
    {
        int length = _length;
        if (newline && length > 0 && _line[length - 1] == (byte)'\r')
            length--;
        string line = Encoding.UTF8.GetString(_line, 0, length);
        _length = 0;

        KernelLogEntry entry;
        if (_continuation)
        {
            // A piece of a cut line, or a line the port ended in the middle of: never a record.
            var kind = _continuedKind == KernelLogKind.Panic ? KernelLogKind.Panic : KernelLogKind.Message;
            entry = new KernelLogEntry(kind, Sanitize(line));
        }
        else
        {
            entry = newline ? Classify(line) : ClassifyCut(line);
        }
        _continuation = !newline;
        _continuedKind = entry.Kind;
        _onEntry(entry);
    }

    /// <summary>The first piece of an over-long line: a panic report stays one, anything else is a message.</summary>
    private static KernelLogEntry ClassifyCut(string line) =>
        new(line.StartsWith(PanicPrefix, StringComparison.Ordinal) ? KernelLogKind.Panic : KernelLogKind.Message, Sanitize(line));

    /// <summary>Replaces control characters (C0 but tab, DEL, C1) so a hostile guest cannot send terminal escapes.</summary>
    private static string Sanitize(string line)
    {
        var text = new StringBuilder(line.Length);
        foreach (char c in line)
            text.Append(c == '\t' || !char.IsControl(c) ? c : '\uFFFD');
        return text.ToString();
    }
}
