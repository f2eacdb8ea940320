using System;
using System.Text;
using Sharprun.Toolchain.Launch;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// Takes apart what a Xen guest wrote to its one console (hypercall-xen's ConsoleMultiplexer): lines starting with
/// RS and a tag go to the application's stdout (<c>o</c>), stderr (<c>e</c>) or the kernel log (<c>k</c>); a line
/// ending in US LF was broken by the guest and continues without a newline; US 0, US 1 and US r stand for RS, US
/// and CR. Every other line — the hypervisor's, dom0's, or the rig's records — goes to <see cref="OnOtherLine"/>.
/// Raw CRs are transport noise (Xen's serial and Linux terminals turn LF into CR LF) and are dropped. The guest is
/// not trusted: unknown tags and escapes make the line an "other" line, and lines are cut at <see cref="MaxLineBytes"/>.
/// </summary>
public sealed class XenConsoleDemultiplexer
{
    public const int MaxLineBytes = 16384;
    private const byte LineStart = 0x1E;
    private const byte Escape = 0x1F;

    private readonly Action<char, ReadOnlyMemory<byte>> _onStream;
    private readonly Action<string> _onOtherLine;
    private readonly BoundedLineSplitter _lines;

    /// <param name="onStream">Receives decoded bytes with their stream tag: 'o', 'e' or 'k'.</param>
    /// <param name="onOtherLine">Receives every line that is not the guest's (without its newline).</param>
    public XenConsoleDemultiplexer(Action<char, ReadOnlyMemory<byte>> onStream, Action<string> onOtherLine)
    {
        _onStream = onStream;
        _onOtherLine = onOtherLine;
        _lines = new BoundedLineSplitter(MaxLineBytes, dropCarriageReturns: true, EmitLine);
    }

    public Action<string> OnOtherLine => _onOtherLine;

    public void Feed(ReadOnlySpan<byte> bytes) => _lines.Feed(bytes);

    /// <summary>Bytes before the next ones were lost: the line begun so far is dropped, not delivered half.</summary>
    public void Resynchronize() => _lines.Discard();

    /// <summary>The input ended: a last line without newline is still delivered.</summary>
    public void Complete() => _lines.Complete();

    private void EmitLine(ReadOnlySpan<byte> line, bool newline, bool continuation)
    {
        if (line.Length >= 2 && line[0] == LineStart && line[1] is (byte)'o' or (byte)'e' or (byte)'k' && TryDecode(line[2..], out var decoded))
        {
            _onStream((char)line[1], decoded);
            return;
        }
        _onOtherLine(TerminalText.Sanitize(Encoding.UTF8.GetString(line)));
    }

    private static bool TryDecode(ReadOnlySpan<byte> body, out ReadOnlyMemory<byte> decoded)
    {
        var output = new byte[body.Length + 1];
        int used = 0;
        bool broken = false;
        for (int i = 0; i < body.Length; i++)
        {
            byte b = body[i];
            if (b == LineStart)
            {
                decoded = default;
                return false;
            }
            if (b != Escape)
            {
                output[used++] = b;
                continue;
            }
            if (i + 1 == body.Length)
            {
                // US at the end of the line: the guest broke the line, no newline belongs to the data.
                broken = true;
                break;
            }
            byte code = body[++i];
            byte? literal = code switch
            {
                (byte)'0' => LineStart,
                (byte)'1' => Escape,
                (byte)'r' => (byte)'\r',
                _ => null,
            };
            if (literal is null)
            {
                decoded = default;
                return false;
            }
            output[used++] = literal.Value;
        }
        if (!broken)
            output[used++] = (byte)'\n';
        decoded = output.AsMemory(0, used);
        return true;
    }
}
