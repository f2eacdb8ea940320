namespace Sharprun.Vfs;

/// <summary>Where file times come from: real-time UTC in nanoseconds since the Unix epoch (injected so tests control time).</summary>
public interface IFileClock
{
    long NowNanoseconds { get; }
}
