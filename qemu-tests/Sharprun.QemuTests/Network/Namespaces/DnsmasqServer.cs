using System.Diagnostics;
using System.Text;

namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// Debian's dnsmasq inside the namespace, on Linux's side of the link only: an authoritative answer for
/// <c>sharprun.test</c> and its subdomains (A 10.213.0.77, AAAA fd00:213::77), no upstream servers and no hosts
/// file, and router advertisements of fd00:213::/64 for the guest's SLAAC. Disposing stops it.
/// </summary>
public sealed class DnsmasqServer : IDisposable
{
    public const string Name = "sharprun.test";
    public const string Address = "10.213.0.77";
    public const string Address6 = "fd00:213::77";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DnsmasqServer(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, line) => { lock (_log) { if (line.Data is not null) _log.Append(line.Data).Append('\n'); Monitor.PulseAll(_log); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public static DnsmasqServer Start(NetworkNamespace inside)
    {
        var start = new ProcessStartInfo(inside.Exec[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])[.. inside.Exec.Skip(1), "/usr/sbin/dnsmasq",
            "--keep-in-foreground", "--log-facility=-", "--conf-file=/dev/null", "--pid-file", "--user=root",
            "--no-resolv", "--no-hosts", "--bind-interfaces", "--interface=" + NetworkNamespace.Bridge,
            $"--address=/{Name}/{Address}", $"--address=/{Name}/{Address6}",
            // Router advertisements only (no DHCPv6), every few seconds so a guest that misses one soon sees another.
            "--enable-ra", "--dhcp-range=fd00:213::,ra-only", $"--ra-param={NetworkNamespace.Bridge},4,1800"])
            start.ArgumentList.Add(argument);
        var server = new DnsmasqServer(Process.Start(start)!);
        try
        {
            server.WaitForLog("started, version", TimeSpan.FromSeconds(20));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    private void WaitForLog(string text, TimeSpan limit)
    {
        var end = DateTime.UtcNow + limit;
        lock (_log)
        {
            while (!_log.ToString().Contains(text, StringComparison.Ordinal))
            {
                var left = end - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited)
                    throw new InvalidOperationException($"dnsmasq did not start (exit {(_process.HasExited ? _process.ExitCode.ToString() : "none yet")}):\n{_log}");
                Monitor.Wait(_log, TimeSpan.FromMilliseconds(200));
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
