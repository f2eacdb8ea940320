namespace Sharprun.Net.Fuzz;

/// <summary>
/// Remembers the last exception thrown anywhere in the process, because Poll swallows a handler's exception into the
/// InternalFault counter: when that counter rises, this is the exception (and stack trace) to report.
/// </summary>
public static class FaultWitness
{
    [ThreadStatic]
    private static Exception? t_last;

    private static int s_installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
            AppDomain.CurrentDomain.FirstChanceException += (_, e) => t_last = e.Exception;
    }

    /// <summary>The last exception thrown on this thread since the last call, and forgets it.</summary>
    public static Exception? Take()
    {
        var last = t_last;
        t_last = null;
        return last;
    }
}
