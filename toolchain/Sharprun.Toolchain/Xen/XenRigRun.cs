using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// One boot of the rig: Xen in QEMU (TCG, <c>-cpu qemu64,+svm,+npt</c>: Xen uses SVM with nested paging), Debian's
/// kernel as a PV dom0 with <see cref="XenRig"/>'s initramfs, which creates the guests one after the other
/// (sharing one dom0 boot between several guests is what keeps the tests fast). Reads the serial console live and
/// takes it apart with <see cref="XenRigConsole"/>: dom0 forwards each guest's console while the guest runs.
/// </summary>
public sealed class XenRigRun
{
    private const int Dom0MemoryMiB = 512;

    private readonly XenRig _rig;
    private readonly IReadOnlyList<XenGuest> _guests;
    private readonly Dictionary<string, XenGuestOutcome> _outcomes;
    private readonly XenRigConsole _console;
    private readonly CancellationTokenSource _inputEnded = new();
    private readonly XenConsoleInput _consoleInput = new();
    private Stream? _qemuInput;
    private bool _inputForwarded;

    public XenRigRun(XenRig rig, IReadOnlyList<XenGuest> guests)
    {
        if (guests.Count == 0 || guests.Select(g => g.Name).Distinct().Count() != guests.Count)
            throw new ArgumentException("a rig run needs one or more guests with distinct names");
        if (guests.Count(g => g.Input) > 1)
            throw new ArgumentException("dom0's console input can go to one guest only");
        _rig = rig;
        _guests = guests;
        _outcomes = guests.ToDictionary(g => g.Name, g => new XenGuestOutcome { Name = g.Name });
        _console = new XenRigConsole(_outcomes.Values)
        {
            OnGuestOutput = (guest, tag, data) => OnGuestOutput?.Invoke(guest, tag, data),
            OnGuestKernelLog = (guest, entry) => OnGuestKernelLog?.Invoke(guest, entry),
            OnRigLine = line => OnRigLine?.Invoke(line),
            OnGuestInputConnected = _ => ForwardInput(),
        };
    }

    /// <summary>
    /// What to send to the console input of the guest created with <see cref="XenGuest.Input"/> (dom0's console
    /// input goes to it), from when dom0 has connected it; EOT (0x04) follows its end.
    /// </summary>
    public Stream? Input { get; init; }

    /// <summary>Decoded guest output as it arrives (while the guest runs): the guest, the stream tag ('o', 'e', 'k') and the bytes.</summary>
    public Action<XenGuestOutcome, char, ReadOnlyMemory<byte>>? OnGuestOutput { get; init; }

    /// <summary>Each kernel log line of a guest as it arrives.</summary>
    public Action<XenGuestOutcome, KernelLogEntry>? OnGuestKernelLog { get; init; }

    /// <summary>Lines from Xen, dom0 and the rig (verbose diagnostics).</summary>
    public Action<string>? OnRigLine { get; init; }

    /// <summary>Errors dom0 reported that belong to no guest, damage to the guests' consoles, QEMU's complaints.</summary>
    public List<string> Errors => _console.Errors;

    public bool TimedOut { get; private set; }

    public bool Completed => _console.Completed;

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
            _qemuInput = process.StandardInput.BaseStream;
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
            _inputEnded.Cancel();
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
        // bootscrub=0: Xen would otherwise scrub free memory while idle, which delays the guests' timers.
        "-append", $"console=com1 com1=115200,8n1 bootscrub=0 dom0_mem={Dom0MemoryMiB}M,max:{Dom0MemoryMiB}M loglvl=warning guest_loglvl=none",
        // QEMU separates multiboot modules with commas; a comma inside one is written twice.
        "-initrd", $"{EscapeModule(_rig.Kernel)} console=hvc0 quiet,{EscapeModule(initramfs)}",
    ];

    public static string EscapeModule(string text) => text.Replace(",", ",,");

    /// <summary>
    /// dom0 is ready for a line of input: the first time starts copying <see cref="Input"/> to QEMU's serial port
    /// (<see cref="XenConsoleInput"/>), each time allows one more line; stops quietly when QEMU has gone.
    /// </summary>
    private void ForwardInput()
    {
        if (Input is not { } input || _qemuInput is not { } qemu)
            return;
        _consoleInput.Grant();
        if (_inputForwarded)
            return;
        _inputForwarded = true;
        _ = Task.Run(async () =>
        {
            try
            {
                await _consoleInput.ForwardAsync(input, qemu, _inputEnded.Token);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // QEMU ended before all the input went out.
            }
        });
    }

    private void Pump(Stream output)
    {
        var buffer = new byte[8192];
        int count;
        while ((count = output.Read(buffer, 0, buffer.Length)) > 0)
            _console.Feed(buffer.AsSpan(0, count));
        _console.Complete();
    }
}
