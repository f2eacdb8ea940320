using System;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// NUL-terminated UTF-8 strings as the PAL's callers pass and expect them. Pointer loops rather than span slicing,
/// so that no bounds-check throw paths end up in code that runs beneath the runtime.
/// </summary>
public static unsafe class CString
{
    /// <summary>Room <see cref="FormatDecimal"/> needs for any int: a sign and ten digits.</summary>
    public const int MaxDecimalLength = 11;

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
        for (int index = 0; index < copied; index++)
        {
            buffer[index] = text[index];
        }

        buffer[copied] = 0;
        return fits;
    }

    /// <summary>
    /// Writes the decimal digits of <paramref name="value"/> (with a leading '-') to <paramref name="destination"/>,
    /// which has room for <see cref="MaxDecimalLength"/> bytes; returns how many it wrote.
    /// </summary>
    public static int FormatDecimal(int value, byte* destination)
    {
        // Widened so that int.MinValue can be negated.
        long magnitude = value < 0 ? -(long)value : value;
        int digits = 1;
        for (long rest = magnitude / 10; rest != 0; rest /= 10)
        {
            digits++;
        }

        int length = value < 0 ? digits + 1 : digits;
        if (value < 0)
        {
            destination[0] = (byte)'-';
        }

        for (int position = length - 1; position >= length - digits; position--)
        {
            destination[position] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }

        return length;
    }
}
