namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// One row of the benchmark table: Sharprun's figure beside a reference figure measured in the same run.
/// <see cref="TargetRatio"/> is the largest acceptable Sharprun/reference ratio, or null for a comparison
/// without a target.
/// </summary>
public sealed record BenchmarkResult(
    string Section,
    string Measurement,
    Quantity Ours,
    string ReferenceName,
    Quantity Reference,
    double? TargetRatio)
{
    public double Ratio => Ours.Value / Reference.Value;

    public bool? MeetsTarget => TargetRatio is { } target ? Ratio <= target : null;
}
