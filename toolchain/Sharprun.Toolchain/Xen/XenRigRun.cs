using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// One boot of the rig: Xen in QEMU (TCG, <c>-cpu qemu64,+svm,+npt</c>: Xen uses SVM with nested paging), Debian's
/// kernel as a PV dom0 with <see cref="XenRig"/>'s initramfs, which creates the guests one after the other
/// (sharing one dom0 boot between several guests is what keeps the tests fast). Reads the serial console live and
/// takes it apart with <see cref="Dom0Script"/>'s records and <see cref="XenConsoleDemultiplexer"/>.
/// </summary>
public sealed class XenRigRun
{
    private const int Dom0MemoryMiB = 512;

    private readonly XenRig _rig;
    private readonly IReadOnlyList<XenGuest> _guests;
    private readonly Dictionary<string, XenGuestOutcome> _outcomes;
    private XenGuestOutcome? _console;
    private XenConsoleDemultiplexer? _demultiplexer;
    private KernelLogParser? _kernelLog;

    public XenRigRun(XenRig rig, IReadOnlyList<XenGuest> guests)
    {
        if (guests.Count == 0 || guests.Select(g => g.Name).Distinct().Count() != guests.Count)
            throw new ArgumentException("a rig run needs one or more guests with distinct names");
        _rig = rig;
        _guests = guests;
        _outcomes = guests.ToDictionary(g => g.Name, g => new XenGuestOutcome { Name = g.Name });
    }

    /// <summary>Decoded guest output as it arrives: the guest, the stream tag ('o', 'e', 'k') and the bytes.</summary>
    public Action<XenGuestOutcome, char, ReadOnlyMemory<byte>>? OnGuestOutput { get; init; }

    /// <summary>Lines from Xen, dom0 and the rig (verbose diagnostics).</summary>
    public Action<string>? OnRigLine { get; init; }

    /// <summary>Errors dom0 reported that belong to no guest.</summary>
    public List<string> Errors { get; } = new();

    public bool TimedOut { get; private set; }

    public bool Completed { get; private set; }

    public IReadOnlyList<XenGuestOutcome> Run(int timeoutSeconds, CancellationToken cancel = default)
    {
        string qemu = QemuLauncher.LocateQemu();
        var work = Directory.CreateTempSubdirectory("sharprun-xen-");
        try
        {
            string initramfs = Path.Combine(work.FullName, "dom0.cpio.gz");
            File.WriteAllBytes(initramfs, _rig.RunInitramfs(_guests));
            int memory = Dom0MemoryMiB + _guests.Max(g => g.MemoryMiB) + 128;
            var start = new ProcessStartInfo(qemu)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in Arguments(memory, initramfs))
                start.ArgumentList.Add(argument);
            OnRigLine?.Invoke("sharprun: " + qemu + " " + string.Join(' ', start.ArgumentList));
            using var process = Process.Start(start) ?? throw new ToolchainException($"cannot start {qemu}");
            var stderr = process.StandardError.ReadToEndAsync(cancel);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
            using var registration = limit.Token.Register(() =>
            {
                TimedOut = !cancel.IsCancellationRequested;
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            });
            Pump(process.StandardOutput.BaseStream);
            process.WaitForExit();
            string qemuErrors = stderr.IsCompletedSuccessfully ? stderr.Result : "";
            foreach (var line in qemuErrors.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                OnRigLine?.Invoke("qemu: " + line.TrimEnd());
            if (!Completed && !TimedOut && qemuErrors.Trim().Length > 0)
                Errors.Add("QEMU: " + qemuErrors.Trim());
            return _guests.Select(g => _outcomes[g.Name]).ToList();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private IEnumerable<string> Arguments(int memoryMiB, string initramfs) =>
    [
        "-accel", "tcg", "-cpu", "qemu64,+svm,+npt",
        "-m", memoryMiB.ToString(CultureInfo.InvariantCulture),
        "-nodefaults", "-no-reboot", "-display", "none",
        "-serial", "stdio",
        "-kernel", _rig.Hypervisor,
        "-append", $"console=com1 com1=115200,8n1 dom0_mem={Dom0MemoryMiB}M,max:{Dom0MemoryMiB}M loglvl=warning guest_loglvl=none",
        // QEMU separates multiboot modules with commas; a comma inside one is written twice.
        "-initrd", $"{EscapeModule(_rig.Kernel)} console=hvc0 quiet,{EscapeModule(initramfs)}",
    ];

    public static string EscapeModule(string text) => text.Replace(",", ",,");

    private void Pump(Stream output)
    {
        var buffer = new byte[8192];
        var line = new List<byte>();
        int count;
        while ((count = output.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[i];
                if (b == (byte)'\n')
                {
                    OnLine(line.ToArray());
                    line.Clear();
                }
                else if (b != (byte)'\r')
                {
                    line.Add(b);
                }
            }
        }
        if (line.Count > 0)
            OnLine(line.ToArray());
        EndConsole();
    }

    private void OnLine(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        if (text.StartsWith(Dom0Script.RecordPrefix, StringComparison.Ordinal))
        {
            OnRecord(text[Dom0Script.RecordPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return;
        }
        if (_demultiplexer is not null)
        {
            _demultiplexer.Feed(bytes);
            _demultiplexer.Feed("\n"u8);
            return;
        }
        OnRigLine?.Invoke(text);
    }

    private void OnRecord(string[] fields)
    {
        OnRigLine?.Invoke(Dom0Script.RecordPrefix + string.Join(' ', fields));
        if (fields.Length == 0)
            return;
        XenGuestOutcome? Guest(int index) => fields.Length > index && _outcomes.TryGetValue(fields[index], out var o) ? o : null;
        switch (fields[0])
        {
            case "done":
                Completed = true;
                break;
            case "error":
                if (Guest(1) is { } failed)
                    failed.Error = string.Join(' ', fields.Skip(2));
                else
                    Errors.Add(string.Join(' ', fields.Skip(1)));
                break;
            case "first-output" when Guest(1) is { } guest && fields.Length > 2:
                if (double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                    guest.FirstOutputSeconds = seconds;
                break;
            case "console" when Guest(1) is { } guest:
                EndConsole();
                _console = guest;
                _kernelLog = new KernelLogParser(entry => OnKernelLog(guest, entry));
                _demultiplexer = new XenConsoleDemultiplexer((tag, data) => OnStream(guest, tag, data), guest.ConsoleLines.Add);
                break;
            case "end" when Guest(1) is { } guest && fields.Length >= 6:
                EndConsole();
                guest.State = fields[2];
                guest.ShutdownReason = int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int reason) ? reason : null;
                guest.XenstoreState = fields[4] == "-" ? null : fields[4];
                guest.XenstoreExitCode = int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code <= 255 ? code : null;
                guest.Ended = true;
                break;
        }
    }

    private void EndConsole()
    {
        _demultiplexer?.Complete();
        _kernelLog?.Complete();
        _demultiplexer = null;
        _kernelLog = null;
        _console = null;
    }

    private void OnStream(XenGuestOutcome guest, char tag, ReadOnlyMemory<byte> data)
    {
        switch (tag)
        {
            case 'o':
                guest.Output.AddRange(data.Span);
                break;
            case 'e':
                guest.ErrorOutput.AddRange(data.Span);
                break;
            default:
                _kernelLog?.Feed(data.Span);
                break;
        }
        OnGuestOutput?.Invoke(guest, tag, data);
    }

    private static void OnKernelLog(XenGuestOutcome guest, KernelLogEntry entry)
    {
        guest.KernelLog.Add(entry.Text);
        switch (entry.Kind)
        {
            case KernelLogKind.Exit when guest.ExitCode is null && !guest.Panicked:
                guest.ExitCode = entry.ExitCode;
                break;
            case KernelLogKind.PanicRecord when guest.ExitCode is null:
                guest.Panicked = true;
                break;
        }
    }
}
