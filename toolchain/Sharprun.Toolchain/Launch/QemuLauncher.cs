using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// Boots an image in QEMU and relays its serial ports live: COM1 to <c>output</c>, COM2 to <c>error</c>, the kernel
/// log (COM3) through <see cref="KernelLogParser"/>; <c>input</c>, when given (run -i), goes the other way on COM1
/// (see <see cref="ConsoleInputForwarder"/>). QEMU's own output is kept apart and shown only when the boot fails or
/// with --verbose.
/// </summary>
public sealed class QemuLauncher
{
    /// <summary>How long the guest gets to power off after its exit or panic record.</summary>
    private static readonly TimeSpan PowerOffGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the last serial bytes once QEMU has ended.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    private readonly LaunchOptions _options;
    private readonly Stream _output;
    private readonly Stream _error;
    private readonly Stream? _input;
    private readonly object _errorLock = new();
    private readonly TaskCompletionSource<KernelLogEntry> _record = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _interrupted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _kernelLogBegun = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QemuLauncher(LaunchOptions options, Stream output, Stream error, Stream? input = null)
    {
        _options = options;
        _output = output;
        _error = error;
        _input = input;
    }

    /// <summary>Finds qemu-system-x86_64 on PATH, or explains how to install it.</summary>
    public static string LocateQemu()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, QemuCommand.Executable);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new ToolchainException($"{QemuCommand.Executable} was not found on PATH; install it with: {QemuCommand.InstallHint}");
    }

    /// <summary>Ends the boot early (the user pressed Ctrl-C); <see cref="Run"/> then returns <see cref="LaunchEnd.Interrupted"/>.</summary>
    public void Interrupt() => _interrupted.TrySetResult();

    public LaunchOutcome Run()
    {
        string qemu = LocateQemu();
        if (!File.Exists(_options.Image))
            throw new ToolchainException($"no such image: {_options.Image}");
        if (_options.Accelerator == "kvm" && !File.Exists("/dev/kvm"))
            throw new ToolchainException("--accel kvm needs /dev/kvm, which this machine does not have; use --accel tcg");

        var socketDirectory = Directory.CreateTempSubdirectory("sharprun-");
        try
        {
            return Boot(qemu, socketDirectory.FullName);
        }
        finally
        {
            socketDirectory.Delete(recursive: true);
        }
    }

    private LaunchOutcome Boot(string qemu, string socketDirectory)
    {
        var paths = new[] { "com1", "com2", "com3" }.Select(n => Path.Combine(socketDirectory, n)).ToArray();
        var listeners = paths.Select(Listen).ToArray();
        var qemuOutput = new StringBuilder();

        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The kernel learns from its command line that the console's input is connected.
        var options = _input is null ? _options : _options with { KernelOptions = [.. _options.KernelOptions, ConsoleInputForwarder.KernelOption] };
        foreach (var argument in QemuCommand.Arguments(options, paths))
            start.ArgumentList.Add(argument);
        if (_options.Verbose)
            WriteError($"sharprun: {qemu} {string.Join(' ', start.ArgumentList.Select(QuoteForDisplay))}\n");

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (qemuOutput) qemuOutput.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (qemuOutput) qemuOutput.AppendLine(e.Data); };
        using var qemuEnded = new CancellationTokenSource();
        process.Exited += (_, _) => qemuEnded.Cancel();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolchainException($"cannot start {qemu}: {e.Message}");
        }
        var clock = Stopwatch.StartNew();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var parser = new KernelLogParser(OnKernelLog);
        var pumps = new[]
        {
            Pump(listeners[0], qemuEnded.Token, data => { _output.Write(data.Span); _output.Flush(); }, () => { },
                connection => ForwardInput(connection, qemuEnded.Token)),
            Pump(listeners[1], qemuEnded.Token, data => WriteError(data.Span), () => { }),
            Pump(listeners[2], qemuEnded.Token, data => { _kernelLogBegun.TrySetResult(); parser.Feed(data.Span); }, parser.Complete),
        };

        var outcome = Supervise(process, clock);
        Task.WaitAll(pumps, DrainGrace);
        foreach (var listener in listeners)
            listener.Dispose();

        if (_options.Verbose || outcome.End == LaunchEnd.StoppedWithoutRecord)
        {
            string text;
            lock (qemuOutput)
                text = qemuOutput.ToString();
            if (text.Length > 0)
                WriteError(string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"qemu: {l.TrimEnd()}\n")));
        }
        switch (outcome.End)
        {
            case LaunchEnd.TimedOut:
                WriteError($"sharprun: timed out after {_options.TimeoutSeconds} s\n");
                break;
            case LaunchEnd.Interrupted:
                WriteError("sharprun: interrupted\n");
                break;
            case LaunchEnd.Panicked:
                WriteError("sharprun: the kernel panicked\n");
                break;
            case LaunchEnd.StoppedWithoutRecord:
                WriteError($"sharprun: guest stopped without an exit record (QEMU exit status {process.ExitCode})\n");
                break;
        }
        return outcome;
    }

    /// <summary>Waits for an exit or panic record, QEMU's end, or the time limit, and ends QEMU when needed.</summary>
    private LaunchOutcome Supervise(Process process, Stopwatch clock)
    {
        var exited = process.WaitForExitAsync();
        var limit = _options.TimeoutSeconds is { } seconds
            ? Task.Delay(TimeSpan.FromSeconds(seconds) - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero)
            : Task.Delay(Timeout.Infinite);

        var first = Task.WhenAny(exited, _record.Task, limit, _interrupted.Task).GetAwaiter().GetResult();
        if (first == _interrupted.Task)
        {
            Kill(process);
            return new LaunchOutcome(LaunchEnd.Interrupted, ExitCodes.Interrupted);
        }
        if (first == limit && !_record.Task.IsCompleted && !process.HasExited)
        {
            Kill(process);
            return new LaunchOutcome(LaunchEnd.TimedOut, ExitCodes.Timeout);
        }
        if (_record.Task.IsCompleted && !exited.Wait(PowerOffGrace))
            Kill(process);
        process.WaitForExit();

        if (!_record.Task.IsCompleted)
        {
            // QEMU ended first; the record may still be in flight on COM3.
            Task.WhenAny(_record.Task, Task.Delay(DrainGrace)).GetAwaiter().GetResult();
        }
        if (!_record.Task.IsCompleted)
        {
            // Ctrl-C also reaches QEMU, which may end before our own handler has run.
            return _interrupted.Task.IsCompleted
                ? new LaunchOutcome(LaunchEnd.Interrupted, ExitCodes.Interrupted)
                : new LaunchOutcome(LaunchEnd.StoppedWithoutRecord, ExitCodes.GuestFailure);
        }
        var record = _record.Task.Result;
        return record.Kind == KernelLogKind.Exit
            ? new LaunchOutcome(LaunchEnd.Exited, record.ExitCode)
            : new LaunchOutcome(LaunchEnd.Panicked, ExitCodes.GuestFailure);
    }

    private void OnKernelLog(KernelLogEntry entry)
    {
        switch (entry.Kind)
        {
            case KernelLogKind.Panic:
                WriteError(entry.Text + "\n");
                break;
            case KernelLogKind.Message:
                // "gc:" lines exist only when the user asked for them (run --gc-trace or --gc-verify).
                if (_options.Verbose || entry.Text.StartsWith("gc: ", StringComparison.Ordinal))
                    WriteError(entry.Text + "\n");
                break;
            case KernelLogKind.MalformedRecord:
                WriteError($"sharprun: ignoring a malformed record from the kernel: {entry.Text}\n");
                break;
            case KernelLogKind.Exit or KernelLogKind.PanicRecord:
                // The first record decides; a guest that reports twice does not get to change its answer.
                _record.TrySetResult(entry);
                break;
        }
    }

    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(1);
        return socket;
    }

    /// <summary>
    /// Accepts QEMU's connection on one port, tells <paramref name="connected"/> about it, and hands every chunk to
    /// <paramref name="receive"/> until EOF.
    /// </summary>
    private static Task Pump(Socket listener, CancellationToken qemuEnded, Action<ReadOnlyMemory<byte>> receive, Action complete,
        Action<Socket>? connected = null) =>
        Task.Run(async () =>
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(qemuEnded);
            }
            catch (OperationCanceledException) when (listener.Poll(0, SelectMode.SelectRead))
            {
                // QEMU connected, wrote and ended before the accept began: the connection still waits in the backlog.
                connection = listener.Accept();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // QEMU ended without connecting: it failed to start, and says why on its stderr.
            }
            connected?.Invoke(connection);
            using (connection)
            {
                var buffer = new byte[4096];
                while (true)
                {
                    int count;
                    try
                    {
                        count = await connection.ReceiveAsync(buffer, SocketFlags.None);
                    }
                    catch (SocketException)
                    {
                        break;
                    }
                    if (count == 0)
                        break;
                    receive(buffer.AsMemory(0, count));
                }
            }
            complete();
        });

    /// <summary>
    /// Sends the input, if any, to the guest's COM1. Not before the kernel log has begun: the guest clears its
    /// UART's FIFOs while it sets them up, and input that came earlier would be lost. Stops quietly when the guest
    /// has gone; a read of a terminal still pending then is abandoned with the process.
    /// </summary>
    private void ForwardInput(Socket connection, CancellationToken qemuEnded)
    {
        if (_input is not { } input)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await _kernelLogBegun.Task.WaitAsync(qemuEnded);
                await using var guest = new NetworkStream(connection, ownsSocket: false);
                await ConsoleInputForwarder.ForwardAsync(input, guest, qemuEnded);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
            {
                // QEMU ended (or closed the port) before all the input went out.
            }
        });
    }

    private void WriteError(ReadOnlySpan<byte> bytes)
    {
        lock (_errorLock)
        {
            _error.Write(bytes);
            _error.Flush();
        }
    }

    private void WriteError(string text) => WriteError(Encoding.UTF8.GetBytes(text));

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
        process.WaitForExit();
    }

    private static string QuoteForDisplay(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_=,./:".Contains(c)) ? argument : "'" + argument.Replace("'", "'\\''") + "'";
}
