namespace Sharprun.Hypercall.Xen;

/// <summary>
/// vCPU 0's one-shot timer (VCPUOP_set_singleshot_timer), which raises VIRQ_TIMER at an absolute Xen system time.
/// </summary>
internal static unsafe class SingleShotTimer
{
    private const uint VirqTimer = 0;
    private const ulong StopPeriodic = 7;
    private const ulong SetSingleShot = 8;
    private const ulong StopSingleShot = 9;

    private static uint s_port;
    private static bool s_bound;

    public static bool Initialize()
    {
        // Older Xens start HVM vCPUs with a periodic VIRQ_TIMER; only one-shot deadlines are wanted.
        XenHypercall.Call(XenHypercall.VcpuOp, StopPeriodic, 0, 0);
        long port = EventChannels.BindVirq(VirqTimer);
        if (port < 0)
            return false;
        s_port = (uint)port;
        s_bound = true;
        return true;
    }

    /// <summary>The port VIRQ_TIMER arrives on; 0 (never a valid port) before <see cref="Initialize"/>.</summary>
    public static uint Port => s_port;

    /// <summary>Requests VIRQ_TIMER at <paramref name="systemTime"/> (a time already past fires at once).</summary>
    public static long Arm(ulong systemTime)
    {
        if (!s_bound)
            return -1;
        // struct vcpu_set_singleshot_timer: timeout_abs_ns u64, flags u32 (0: no VCPU_SSHOTTMR_future check).
        ulong* args = stackalloc ulong[2];
        args[0] = systemTime;
        args[1] = 0;
        return XenHypercall.Call(XenHypercall.VcpuOp, SetSingleShot, 0, (ulong)args);
    }

    /// <summary>Cancels a requested expiry that has not fired yet.</summary>
    public static long Stop() => s_bound ? XenHypercall.Call(XenHypercall.VcpuOp, StopSingleShot, 0, 0) : -1;
}
