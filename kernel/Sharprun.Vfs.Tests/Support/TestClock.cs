using Sharprun.Vfs;

namespace Sharprun.Vfs.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class TestClock : IFileClock
{
    public long NowNanoseconds { get; set; } = 1_700_000_000_000_000_000;
}
