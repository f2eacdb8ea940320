namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// Guests that measure their own timing run alone: TCG has no real CPU of its own, so when other guests, builds or
/// reference programs of this test run compete for the host's cores, QEMU's thread is late, not the guest's timer.
/// Everything that loads the host holds <see cref="Alongside"/>; a measured run holds <see cref="Alone"/>, which
/// waits for those to finish and holds new ones back until it is released (from any thread). Within the flow that
/// holds it, <see cref="Alongside"/> is free (the measured run builds and boots through the same code).
/// Both wait by blocking their thread, one of the test framework's few: a lease is never held across an await,
/// whose continuation could need a thread that is blocked here waiting for that very lease.
/// </summary>
public static class GuestConcurrency
{
    private static readonly object Gate = new();
    private static readonly AsyncLocal<bool> HoldsAlone = new();
    private static int _alongside;
    private static bool _alone;

    public static Lease Alongside()
    {
        if (HoldsAlone.Value)
            return new Lease(() => { });
        lock (Gate)
        {
            while (_alone)
                Monitor.Wait(Gate);
            _alongside++;
        }
        return new Lease(() =>
        {
            lock (Gate)
            {
                _alongside--;
                Monitor.PulseAll(Gate);
            }
        });
    }

    public static Lease Alone()
    {
        lock (Gate)
        {
            while (_alone)
                Monitor.Wait(Gate);
            _alone = true;
            while (_alongside > 0)
                Monitor.Wait(Gate);
        }
        HoldsAlone.Value = true;
        return new Lease(() =>
        {
            HoldsAlone.Value = false;
            lock (Gate)
            {
                _alone = false;
                Monitor.PulseAll(Gate);
            }
        });
    }

    /// <summary>Released once, by Dispose or earlier by <see cref="Release"/>.</summary>
    public sealed class Lease(Action release) : IDisposable
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                release();
        }

        public void Dispose() => Release();
    }
}
