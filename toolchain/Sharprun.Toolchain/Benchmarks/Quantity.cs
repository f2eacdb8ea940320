using System;
using System.Globalization;

namespace Sharprun.Toolchain.Benchmarks;

public enum QuantityUnit
{
    Bytes,
    Seconds,
    Milliseconds,
    Microseconds,
}

/// <summary>A measured figure with its unit, formatted the same way everywhere in the table.</summary>
public readonly record struct Quantity(double Value, QuantityUnit Unit)
{
    public static Quantity Bytes(long count) => new(count, QuantityUnit.Bytes);

    public static Quantity Seconds(double seconds) => new(seconds, QuantityUnit.Seconds);

    public static Quantity Seconds(TimeSpan time) => new(time.TotalSeconds, QuantityUnit.Seconds);

    /// <summary>For short spans such as collection pauses, which would round to nothing in seconds.</summary>
    public static Quantity Milliseconds(double milliseconds) => new(milliseconds, QuantityUnit.Milliseconds);

    /// <summary>For thread and lock costs, a few to a few hundred microseconds under TCG.</summary>
    public static Quantity Microseconds(double microseconds) => new(microseconds, QuantityUnit.Microseconds);

    public string Format() => Unit switch
    {
        QuantityUnit.Bytes => string.Create(CultureInfo.InvariantCulture, $"{Value / (1024 * 1024):0.00} MiB ({Value:#,0} B)"),
        // Boot times are fractions of a second, build times tens of seconds: three significant-ish digits for both.
        QuantityUnit.Seconds when Value < 10 => string.Create(CultureInfo.InvariantCulture, $"{Value:0.000} s"),
        QuantityUnit.Seconds => string.Create(CultureInfo.InvariantCulture, $"{Value:0.0} s"),
        QuantityUnit.Milliseconds => string.Create(CultureInfo.InvariantCulture, $"{Value:0.00} ms"),
        QuantityUnit.Microseconds => string.Create(CultureInfo.InvariantCulture, $"{Value:0.0} µs"),
        _ => throw new InvalidOperationException($"unknown unit {Unit}"),
    };
}
