namespace Sharprun.Kernel.Pal;

/// <summary>NUL-terminated UTF-8 strings as the PAL's callers pass and expect them; no allocation.</summary>
public static unsafe class CString
{
    /// <summary>Bytes before the terminating NUL.</summary>
    public static int Length(byte* text)
    {
        int length = 0;
        while (text[length] != 0)
        {
            length++;
        }

        return length;
    }

    /// <summary>
    /// Copies <paramref name="text"/> and a NUL into <paramref name="buffer"/>. When it does not fit, copies as much
    /// as fits, still NUL-terminated (when <paramref name="bufferSize"/> is positive), and returns false.
    /// </summary>
    public static bool CopyTerminated(ReadOnlySpan<byte> text, byte* buffer, int bufferSize)
    {
        if (bufferSize <= 0)
        {
            return false;
        }

        bool fits = text.Length < bufferSize;
        int copied = fits ? text.Length : bufferSize - 1;
        text[..copied].CopyTo(new Span<byte>(buffer, copied));
        buffer[copied] = 0;
        return fits;
    }

    /// <summary>Writes the decimal digits of <paramref name="value"/> (with a leading '-') into <paramref name="destination"/>; returns how many bytes.</summary>
    public static int FormatDecimal(int value, Span<byte> destination)
    {
        // Widened so that int.MinValue can be negated.
        long magnitude = value < 0 ? -(long)value : value;
        Span<byte> reversed = stackalloc byte[11];
        int count = 0;
        do
        {
            reversed[count++] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);

        int written = 0;
        if (value < 0)
        {
            destination[written++] = (byte)'-';
        }

        while (count > 0)
        {
            destination[written++] = reversed[--count];
        }

        return written;
    }
}
