using System;
using Sharprun.Hypercall.Console;
using Sharprun.Hypercall.Xenstore;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// What a DomU tells and asks its toolstack through xenstore: its name and id (written by the toolstack) go to the
/// kernel log; <c>data/sharprun/state</c> is "running", then "exited" or "crashed", with <c>exit-code</c>,
/// published in one transaction so a reader never sees a state without its code. A watch on
/// <c>control/shutdown</c> (the key <c>xl shutdown</c> writes) is registered and its initial event awaited, which
/// proves the watch path end to end at every boot.
/// </summary>
internal static unsafe class XenDomain
{
    private static ReadOnlySpan<byte> ShutdownPath => "control/shutdown"u8;
    private static ReadOnlySpan<byte> ShutdownToken => "sharprun-shutdown"u8;

    private static bool s_connected;

    public static void Initialize()
    {
        if (!XenstoreClient.Initialize())
        {
            XenConsole.WriteKernel("xen: no xenstore ring\n");
            return;
        }
        Span<byte> value = stackalloc byte[128];
        var status = XenstoreClient.Read("name"u8, value, out int length);
        if (!Check(status, "reading name"))
            return;
        XenConsole.WriteKernel("xen: domain name '");
        fixed (byte* name = value)
            XenConsole.WriteKernelBytes(name, length);
        status = XenstoreClient.Read("domid"u8, value, out length);
        if (!Check(status, "reading domid"))
            return;
        XenConsole.WriteKernel("', domid ");
        fixed (byte* id = value)
            XenConsole.WriteKernelBytes(id, length);
        XenConsole.WriteKernel("\n");
        s_connected = true;

        if (!Publish("running"u8, -1))
            return;

        status = XenstoreClient.Watch(ShutdownPath, ShutdownToken);
        if (!Check(status, "watching control/shutdown"))
            return;
        Span<byte> path = stackalloc byte[128];
        status = XenstoreClient.WaitForWatch(ShutdownToken, path, out int pathLength, PvClock.SystemTime() + 10_000_000_000);
        if (!Check(status, "waiting for the control/shutdown watch"))
            return;
        XenConsole.WriteKernel("xen: xenstore watch fired for ");
        fixed (byte* p = path)
            XenConsole.WriteKernelBytes(p, pathLength);
        XenConsole.WriteKernel("\n");
    }

    public static void ReportExit(int exitCode) => Publish("exited"u8, exitCode);

    public static void ReportPanic() => Publish("crashed"u8, -1);

    /// <summary>Writes state (and exit code) in one transaction, retrying when another writer conflicted.</summary>
    private static bool Publish(ReadOnlySpan<byte> state, int exitCode)
    {
        if (!s_connected || !XenstoreClient.IsAvailable)
            return false;
        Span<byte> digits = stackalloc byte[3];
        int digitCount = 0;
        if (exitCode >= 0)
        {
            if (exitCode >= 100)
                digits[digitCount++] = (byte)('0' + exitCode / 100);
            if (exitCode >= 10)
                digits[digitCount++] = (byte)('0' + exitCode / 10 % 10);
            digits[digitCount++] = (byte)('0' + exitCode % 10);
        }
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var status = XenstoreClient.TransactionStart(out uint transaction);
            if (!Check(status, "starting a transaction"))
                return false;
            status = XenstoreClient.Write("data/sharprun/state"u8, state, transaction);
            if (status == XenstoreStatus.Ok && exitCode >= 0)
                status = XenstoreClient.Write("data/sharprun/exit-code"u8, digits.Slice(0, digitCount), transaction);
            if (status != XenstoreStatus.Ok)
            {
                XenstoreClient.TransactionEnd(transaction, commit: false);
                return Check(status, "writing data/sharprun");
            }
            status = XenstoreClient.TransactionEnd(transaction, commit: true);
            if (status == XenstoreStatus.Ok)
                return true;
            if (status != XenstoreStatus.ErrorReply || XenstoreClient.LastErrno != 11)
                return Check(status, "committing a transaction");
        }
        XenConsole.WriteKernel("xen: xenstore transaction kept conflicting\n");
        return false;
    }

    private static bool Check(XenstoreStatus status, string what)
    {
        if (status == XenstoreStatus.Ok)
            return true;
        XenConsole.WriteKernel("xen: xenstore: ");
        XenConsole.WriteKernel(what);
        XenConsole.WriteKernel(": ");
        XenConsole.WriteKernel(XenstoreReply.Describe(status));
        if (status == XenstoreStatus.ErrorReply)
        {
            XenConsole.WriteKernel(" (errno ");
            XenConsole.WriteKernelDecimal((ulong)XenstoreClient.LastErrno);
            XenConsole.WriteKernel(")");
        }
        XenConsole.WriteKernel("\n");
        return false;
    }
}
