using Sharprun.Hypercall;

namespace Sharprun.Vfs.Pal.Files;

/// <summary>File times from the platform's wall clock (what DateTime.UtcNow reads too).</summary>
internal sealed class WallClock : IFileClock
{
    public long NowNanoseconds => (long)Hypercalls.WallClockNanoseconds();
}
