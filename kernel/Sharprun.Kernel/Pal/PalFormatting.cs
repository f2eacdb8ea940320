using System;
using System.Runtime;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// snprintf with one argument, as System.Console uses it to fill terminfo strings (pal_string.h): the format's
/// first <c>%s</c> or <c>%d</c> takes the argument and <c>%%</c> is a percent sign. Any other conversion fails
/// with EINVAL rather than being guessed at. Returns the full length, writing at most <c>size - 1</c> bytes and
/// a NUL, as snprintf does.
/// </summary>
public static unsafe class PalFormatting
{
    [RuntimeExport("SystemNative_SNPrintF_1S")]
    public static int FormatString(byte* destination, int size, byte* format, byte* argument)
    {
        if (argument == null)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        return Format(destination, size, format, new ReadOnlySpan<byte>(argument, CString.Length(argument)), 's');
    }

    [RuntimeExport("SystemNative_SNPrintF_1I")]
    public static int FormatInteger(byte* destination, int size, byte* format, int argument)
    {
        Span<byte> digits = stackalloc byte[11];
        argument.TryFormat(digits, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        return Format(destination, size, format, digits[..written], 'd');
    }

    private static int Format(byte* destination, int size, byte* format, ReadOnlySpan<byte> argument, char conversion)
    {
        if (format == null || size < 0 || (destination == null && size > 0))
            return PalErrors.Fail(LinuxErrno.EINVAL);
        var output = new Span<byte>(destination, size);
        var text = new ReadOnlySpan<byte>(format, CString.Length(format));
        int length = 0;
        bool used = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)'%')
            {
                Put(output, ref length, text[i]);
                continue;
            }
            if (++i == text.Length)
                return PalErrors.Fail(LinuxErrno.EINVAL);
            if (text[i] == (byte)'%')
            {
                Put(output, ref length, (byte)'%');
            }
            else if (text[i] == (byte)conversion && !used)
            {
                used = true;
                foreach (byte b in argument)
                    Put(output, ref length, b);
            }
            else
            {
                return PalErrors.Fail(LinuxErrno.EINVAL);
            }
        }
        if (size > 0)
            output[Math.Min(length, size - 1)] = 0;
        return length;
    }

    private static void Put(Span<byte> output, ref int length, byte value)
    {
        if (length < output.Length - 1)
            output[length] = value;
        length++;
    }
}
