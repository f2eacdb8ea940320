namespace Sharprun.Hypercall.Hosted.Network;

/// <summary>
/// What the bus does wrong, each a probability per delivered frame, drawn from the bus's seeded generator so a
/// failing run repeats exactly.
/// </summary>
public sealed record BusFaults(double Loss = 0, double Reorder = 0, double Duplicate = 0, double Corruption = 0)
{
    public static BusFaults None { get; } = new();
}
