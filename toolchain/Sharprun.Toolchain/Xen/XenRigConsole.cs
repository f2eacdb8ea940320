using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Launch;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// Takes apart the rig's serial line as it arrives: Xen's and dom0's lines, <see cref="Dom0Script"/>'s records, and
/// the guests' consoles inside <see cref="XenConsoleFrame"/>s, which are put back together by offset and handed to
/// one <see cref="XenConsoleDemultiplexer"/> per guest. Nothing on the line is trusted: damaged frames, frames out of
/// order and console bytes that never arrived are reported in <see cref="Errors"/>, never papered over; after a gap
/// the guest's console resumes at the next whole line.
/// </summary>
public sealed class XenRigConsole
{
    /// <summary>Longer lines are cut; only a line's first piece can be a record (frames are about 110 bytes).</summary>
    public const int MaxLineBytes = 4096;

    private readonly Dictionary<string, GuestConsole> _guests;
    private readonly BoundedLineSplitter _lines;

    public XenRigConsole(IEnumerable<XenGuestOutcome> guests)
    {
        _guests = guests.ToDictionary(g => g.Name, g => new GuestConsole(this, g));
        // Xen's serial line and dom0's terminal turn LF into CR LF: CRs are noise.
        _lines = new BoundedLineSplitter(MaxLineBytes, dropCarriageReturns: true, EmitLine);
    }

    /// <summary>Decoded guest output as it arrives: the guest, the stream tag ('o', 'e', 'k') and the bytes.</summary>
    public Action<XenGuestOutcome, char, ReadOnlyMemory<byte>>? OnGuestOutput { get; init; }

    /// <summary>Each kernel log line of a guest as it arrives.</summary>
    public Action<XenGuestOutcome, KernelLogEntry>? OnGuestKernelLog { get; init; }

    /// <summary>dom0 passes its console input on to this guest from now on.</summary>
    public Action<XenGuestOutcome>? OnGuestInputConnected { get; init; }

    /// <summary>Lines from Xen, dom0 and the rig's records (verbose diagnostics), made safe to print.</summary>
    public Action<string>? OnRigLine { get; init; }

    /// <summary>Failures dom0 reported that belong to no guest, and damage to the guests' consoles.</summary>
    public List<string> Errors { get; } = new();

    /// <summary>dom0 said <c>done</c>: every guest ran.</summary>
    public bool Completed { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes) => _lines.Feed(bytes);

    /// <summary>The serial line closed: a last line without newline still counts; consoles left open are ended.</summary>
    public void Complete()
    {
        _lines.Complete();
        foreach (var guest in _guests.Values)
            guest.Close();
    }

    private void EmitLine(ReadOnlySpan<byte> line, bool newline, bool continuation)
    {
        string text = TerminalText.Sanitize(Encoding.UTF8.GetString(line));
        if (!continuation && text.StartsWith(Dom0Script.RecordPrefix, StringComparison.Ordinal))
        {
            string[] fields = text[Dom0Script.RecordPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0] == XenConsoleFrame.Kind)
            {
                OnFrame(fields);
                return;
            }
            OnRigLine?.Invoke(text);
            OnRecord(fields);
            return;
        }
        OnRigLine?.Invoke(text);
    }

    private void OnFrame(string[] fields)
    {
        if (XenConsoleFrame.Parse(fields, out string? error) is not { } frame)
        {
            Errors.Add("console: " + error);
            return;
        }
        if (!_guests.TryGetValue(frame.Guest, out var guest))
        {
            Errors.Add($"console: a frame for an unknown guest '{frame.Guest}'");
            return;
        }
        guest.Receive(frame);
    }

    private void OnRecord(string[] fields)
    {
        if (fields.Length == 0)
            return;
        GuestConsole? Guest(int index) => fields.Length > index && _guests.TryGetValue(fields[index], out var g) ? g : null;
        switch (fields[0])
        {
            case "done":
                Completed = true;
                break;
            case "error":
                if (Guest(1) is { } failed)
                    failed.Outcome.Error = string.Join(' ', fields.Skip(2));
                else
                    Errors.Add(string.Join(' ', fields.Skip(1)));
                break;
            case "first-output" when Guest(1) is { } guest && fields.Length == 3:
                if (double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds) && seconds >= 0)
                    guest.Outcome.FirstOutputSeconds = seconds;
                break;
            case "input" when Guest(1) is { } guest && fields.Length == 2:
                OnGuestInputConnected?.Invoke(guest.Outcome);
                break;
            case "end" when Guest(1) is { } guest && fields.Length == 7:
                guest.End(fields);
                break;
            case "end":
                Errors.Add("a malformed end record: " + string.Join(' ', fields));
                break;
        }
    }

    /// <summary>One guest's console: the bytes received so far in order, taken apart as they come.</summary>
    private sealed class GuestConsole
    {
        private readonly XenRigConsole _owner;
        private readonly XenConsoleDemultiplexer _demultiplexer;
        private readonly KernelLogParser _kernelLog;
        private long _received;
        private bool _ended;

        public GuestConsole(XenRigConsole owner, XenGuestOutcome outcome)
        {
            _owner = owner;
            Outcome = outcome;
            _kernelLog = new KernelLogParser(OnKernelLog);
            _demultiplexer = new XenConsoleDemultiplexer(OnStream, outcome.ConsoleLines.Add);
        }

        public XenGuestOutcome Outcome { get; }

        public void Receive(XenConsoleFrame frame)
        {
            if (_ended)
            {
                _owner.Errors.Add($"{Outcome.Name}: console: a frame after the guest's end");
                return;
            }
            if (frame.Offset < _received)
            {
                _owner.Errors.Add($"{Outcome.Name}: console: a frame at offset {frame.Offset} repeats bytes already received (up to {_received})");
                return;
            }
            if (frame.Offset > _received)
            {
                _owner.Errors.Add($"{Outcome.Name}: console: bytes {_received}-{frame.Offset - 1} were lost on the way");
                _demultiplexer.Resynchronize();
            }
            _demultiplexer.Feed(frame.Data);
            _received = frame.Offset + frame.Data.Length;
        }

        public void End(string[] fields)
        {
            if (_ended)
            {
                _owner.Errors.Add($"{Outcome.Name}: a second end record");
                return;
            }
            if (long.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out long total) && total != _received)
            {
                _owner.Errors.Add(total > _received
                    ? $"{Outcome.Name}: console: bytes {_received}-{total - 1} were lost on the way"
                    : $"{Outcome.Name}: console: received {_received} bytes but dom0 sent {total}");
            }
            Close();
            Outcome.State = fields[2];
            Outcome.ShutdownReason = int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int reason) ? reason : null;
            Outcome.XenstoreState = fields[4] == "-" ? null : fields[4];
            Outcome.XenstoreExitCode = int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code <= 255 ? code : null;
            Outcome.Ended = true;
        }

        /// <summary>No more bytes will come: a last line without newline is still delivered.</summary>
        public void Close()
        {
            if (_ended)
                return;
            _ended = true;
            _demultiplexer.Complete();
            _kernelLog.Complete();
        }

        private void OnStream(char tag, ReadOnlyMemory<byte> data)
        {
            switch (tag)
            {
                case 'o':
                    Outcome.Output.AddRange(data.Span);
                    break;
                case 'e':
                    Outcome.ErrorOutput.AddRange(data.Span);
                    break;
                default:
                    _kernelLog.Feed(data.Span);
                    break;
            }
            _owner.OnGuestOutput?.Invoke(Outcome, tag, data);
        }

        private void OnKernelLog(KernelLogEntry entry)
        {
            Outcome.AddKernelLog(entry);
            _owner.OnGuestKernelLog?.Invoke(Outcome, entry);
        }
    }
}
