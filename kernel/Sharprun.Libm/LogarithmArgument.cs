using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// The argument checks glibc's double log and log2 share: zero, infinity, negatives and NaN answered at once, and a
/// subnormal argument's bits normalized (scaled by 2^52, the exponent taken back) so the table lookup can go on.
/// </summary>
internal static class LogarithmArgument
{
    /// <summary>
    /// Whether <paramref name="x"/> (bits <paramref name="ix"/>, top 16 bits <paramref name="top"/>) is answered
    /// without the tables, with <paramref name="result"/>; otherwise <paramref name="ix"/> is left normal.
    /// </summary>
    public static bool IsSpecial(double x, uint top, ref ulong ix, out double result)
    {
        result = 0;
        if (top - 0x0010 < 0x7ff0 - 0x0010)
            return false;
        if (ix * 2 == 0)
        {
            result = double.NegativeInfinity;
            return true;
        }
        if (ix == 0x7ff0000000000000)
        {
            result = x;
            return true;
        }
        if ((top & 0x8000) != 0 || (top & 0x7ff0) == 0x7ff0)
        {
            result = double.IsNaN(x) ? x + x : double.NaN;
            return true;
        }
        ix = (ulong)DoubleBits.Bits(x * 4503599627370496.0) - (52UL << 52);
        return false;
    }
}
