namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>Test time that moves only when the test moves it.</summary>
internal sealed class VirtualClock
{
    public ulong Now { get; set; } = 1_000_000_000;

    public void Advance(TimeSpan span) => Now += (ulong)span.Ticks * 100;
}
