namespace Sharprun.Kernel.Tests.MathLibrary;

/// <summary>How many representable values apart two results are; NaNs of any payload count as equal.</summary>
internal static class UlpDistance
{
    public static long Between(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
            return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        return System.Math.Abs(Ordered(BitConverter.DoubleToInt64Bits(a)) - Ordered(BitConverter.DoubleToInt64Bits(b)));
    }

    public static long Between(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
            return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        return System.Math.Abs(Ordered(BitConverter.SingleToInt32Bits(a)) - Ordered(BitConverter.SingleToInt32Bits(b)));
    }

    /// <summary>Maps sign-magnitude bit patterns onto a line where neighbours differ by one (±0 coincide).</summary>
    private static long Ordered(long bits) => bits < 0 ? long.MinValue - bits : bits;

    private static long Ordered(int bits) => bits < 0 ? int.MinValue - (long)bits : bits;
}
