using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// The fast rig: the image itself as Xen's PVH dom0 (about 2 s under TCG). PVH dom0 needs an IOMMU with interrupt
/// remapping, hence q35 and intel-iommu. dom0 writes with console_io, so the serial line carries Xen's log and the
/// guest's multiplexed console; the image ends QEMU through isa-debug-exit. Good for hypercalls, events, timers,
/// console and shutdown — there is no xenstore or console ring without a toolstack.
/// </summary>
public static class XenDom0Run
{
    public static XenGuestOutcome Run(XenRig rig, string image, IReadOnlyList<string> arguments, int timeoutSeconds, Action<string>? onXenLine = null)
    {
        string qemu = QemuLauncher.LocateQemu();
        var outcome = new XenGuestOutcome { Name = "dom0" };
        var kernelLog = new KernelLogParser(outcome.AddKernelLog);
        var demultiplexer = new XenConsoleDemultiplexer((tag, data) =>
        {
            if (tag == 'o')
                outcome.Output.AddRange(data.Span);
            else if (tag == 'e')
                outcome.ErrorOutput.AddRange(data.Span);
            else
                kernelLog.Feed(data.Span);
        }, line =>
        {
            outcome.ConsoleLines.Add(line);
            onXenLine?.Invoke(line);
        });

        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-accel", "tcg", "-cpu", "qemu64,+svm,+npt", "-machine", "q35", "-device", "intel-iommu,intremap=on",
            "-m", "512", "-nodefaults", "-no-reboot", "-display", "none", "-serial", "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", rig.Hypervisor,
            "-append", "console=com1 com1=115200,8n1 bootscrub=0 dom0_mem=128M dom0=pvh loglvl=warning",
            "-initrd", XenRigRun.EscapeModule(image + " " + KernelCommandLine.Encode(arguments)),
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new ToolchainException($"cannot start {qemu}");
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        using var registration = limit.Token.Register(() =>
        {
            outcome.Error = $"timed out after {timeoutSeconds} s";
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        });
        var buffer = new byte[8192];
        int count;
        while ((count = process.StandardOutput.BaseStream.Read(buffer, 0, buffer.Length)) > 0)
            demultiplexer.Feed(buffer.AsSpan(0, count));
        demultiplexer.Complete();
        kernelLog.Complete();
        process.WaitForExit();
        outcome.State = "exit-status-" + process.ExitCode.ToString(CultureInfo.InvariantCulture);
        foreach (var line in stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            outcome.ConsoleLines.Add("qemu: " + line);
        outcome.Ended = true;
        return outcome;
    }
}
