using System;
using System.Globalization;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// One piece of a DomU's console as dom0 forwards it over its own console: the record
/// <c>data NAME OFFSET COUNT BASE64</c> (after <see cref="Dom0Script.RecordPrefix"/>), where OFFSET is the position of
/// the first byte in the guest's console log and BASE64 holds COUNT bytes, at most <see cref="PayloadBytes"/>. Offset
/// and count let the host notice a frame that was lost or cut (Xen's and dom0's kernel messages share the serial
/// line); base64 keeps the guest's bytes from ever reaching the line raw.
/// </summary>
public readonly record struct XenConsoleFrame(string Guest, long Offset, byte[] Data)
{
    public const string Kind = "data";

    /// <summary>Bytes per frame: 76 base64 characters, base64's customary line.</summary>
    public const int PayloadBytes = 57;

    private const int MaxPayloadChars = PayloadBytes / 3 * 4;

    /// <summary>Reads the fields of a <c>data</c> record (the kind included); null and an error for anything malformed.</summary>
    public static XenConsoleFrame? Parse(ReadOnlySpan<string> fields, out string? error)
    {
        error = null;
        if (fields.Length != 5 || fields[0] != Kind)
        {
            error = $"a damaged console frame: {fields.Length} fields, not the 5 of '{Kind} NAME OFFSET COUNT BASE64'";
            return null;
        }
        if (!XenGuest.IsValidName(fields[1]))
        {
            error = "a damaged console frame: no valid guest name";
            return null;
        }
        string offsetText = fields[2];
        if (offsetText.Length is 0 or > 15 || !long.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out long offset))
        {
            error = $"a damaged console frame of {fields[1]}: bad offset";
            return null;
        }
        if (fields[3].Length is 0 or > 2 || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count is 0 or > PayloadBytes)
        {
            error = $"a damaged console frame of {fields[1]} at offset {offset}: bad byte count";
            return null;
        }
        string payload = fields[4];
        if (payload.Length == 0 || payload.Length > MaxPayloadChars || payload.Length % 4 != 0 || !IsBase64(payload))
        {
            error = $"a damaged console frame of {fields[1]} at offset {offset}: not base64";
            return null;
        }
        var data = Convert.FromBase64String(payload);
        if (data.Length != count)
        {
            error = $"a damaged console frame of {fields[1]} at offset {offset}: {data.Length} bytes, not {count}";
            return null;
        }
        return new XenConsoleFrame(fields[1], offset, data);
    }

    /// <summary>Strict base64: the alphabet only (Convert would skip white space), padding only at the end.</summary>
    private static bool IsBase64(string text)
    {
        int padding = text.EndsWith("==", StringComparison.Ordinal) ? 2 : text.EndsWith('=') ? 1 : 0;
        for (int i = 0; i < text.Length - padding; i++)
        {
            char c = text[i];
            if (c is not (>= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/'))
                return false;
        }
        return true;
    }
}
