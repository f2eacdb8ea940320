using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sharprun.QemuTests.Cli;
using Sharprun.QemuTests.Platforms;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.QemuTests.Network;

/// <summary>
/// A guest that keeps running while the test talks to it: <c>sharprun run</c> as a child process whose output lines
/// are collected as they arrive, so the test can wait for the service's readiness line, drive it, and then wait
/// for its exit. Disposing stops a guest that is still running.
/// </summary>
public sealed class RunningGuest : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly GuestConcurrency.Lease _lease;

    private RunningGuest(Process process, GuestConcurrency.Lease lease)
    {
        _process = process;
        _lease = lease;
        process.OutputDataReceived += (_, line) => { lock (_output) { if (line.Data is not null) _output.Append(line.Data).Append('\n'); Monitor.PulseAll(_output); } };
        process.ErrorDataReceived += (_, line) => { lock (_error) { if (line.Data is not null) _error.Append(line.Data).Append('\n'); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static RunningGuest Start(params string[] arguments) => StartThrough([], arguments);

    /// <summary>
    /// Like <see cref="Start"/>, with no other guest or build running meanwhile (<see cref="GuestConcurrency.Alone"/>):
    /// for a guest under heavy client load, whose timeouts the host's other work must not decide.
    /// </summary>
    public static RunningGuest StartAlone(params string[] arguments) => StartThrough([], arguments, alone: true);

    /// <summary>
    /// Runs sharprun through a prefix command, e.g. <c>ip netns exec NS</c> so that QEMU opens a TAP device inside a
    /// network namespace. Build the image before, outside: sharprun may build the toolchain, which needs no prefix.
    /// </summary>
    public static RunningGuest StartThrough(IReadOnlyList<string> prefix, params string[] arguments) => StartThrough(prefix, arguments, alone: false);

    private static RunningGuest StartThrough(IReadOnlyList<string> prefix, string[] arguments, bool alone)
    {
        string[] command = [.. prefix, Path.Combine(SharprunProcess.RepositoryRoot, "sharprun"), .. arguments];
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = SharprunProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        ToolProcess.RemoveInheritedBuildVariables(start);
        var lease = alone ? GuestConcurrency.Alone() : GuestConcurrency.Alongside();
        return new RunningGuest(Process.Start(start)!, lease);
    }

    /// <summary>
    /// A guest's NativeAOT reference (<see cref="Boot.NativeAotReference.Binary"/>) as a service on the host, watched
    /// the same way: run in its publish folder, as a published app is, with exactly <paramref name="environment"/>.
    /// </summary>
    public static RunningGuest StartReference(string binary, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = Path.GetDirectoryName(binary)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new RunningGuest(Process.Start(start)!, GuestConcurrency.Alongside());
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits until the output holds the line <paramref name="line"/>; fails with everything printed so far otherwise.</summary>
    public void WaitForLine(string line, TimeSpan limit)
    {
        var end = DateTime.UtcNow + limit;
        lock (_output)
        {
            while (!_output.ToString().Split('\n').Contains(line))
            {
                var left = end - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited && !Monitor.Wait(_output, 500))
                    throw new TimeoutException($"the guest did not print '{line}' within {limit}:\n{this}");
                Monitor.Wait(_output, left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            }
        }
    }

    public int WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
            throw new TimeoutException($"the guest did not exit within {limit}:\n{this}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>A TCP port of 127.0.0.1 that was free a moment ago, for -p.</summary>
    public static int FreePort(bool udp = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public override string ToString() => $"--- stdout\n{Output}\n--- stderr\n{Error}";

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _lease.Dispose();
    }
}
