namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// The test classes that boot a <see cref="TapGuest"/> run one after the other: each boot is a busy TCG guest, and
/// the throughput figures mean more without a second one beside it.
/// </summary>
public static class TapGuestCollection
{
    public const string Name = "guests on a TAP device";
}
