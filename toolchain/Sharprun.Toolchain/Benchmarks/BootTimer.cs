using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Boots a <see cref="BootGuest"/> in QEMU and times it. The clock starts just before the QEMU process is
/// started; COM1 is read from QEMU's standard output as bytes arrive, and the time is taken when the marker
/// line is complete (its newline has arrived). Every line of COM1 is kept with its arrival time.
/// </summary>
public sealed class BootTimer
{
    private readonly string _qemu;

    public BootTimer(string qemu) => _qemu = qemu;

    public BootTiming Boot(BootGuest guest)
    {
        var start = new ProcessStartInfo(_qemu)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in guest.QemuArguments())
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new BenchmarkPrerequisiteException($"cannot start {_qemu}: {e.Message}");
        }
        // QEMU's serial stdio would otherwise wait on a terminal; the guests read nothing.
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var serial = new SerialWatch(guest.Marker, clock);
        var reading = Task.Run(() => serial.Read(process.StandardOutput.BaseStream));

        if (!process.WaitForExit(guest.Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new ToolchainException(
                $"{guest.Name}: no exit within {guest.Timeout.TotalSeconds:0} s; serial output so far: {serial.Text(400)}");
        }
        var toExit = clock.Elapsed;
        process.WaitForExit();
        reading.Wait(TimeSpan.FromSeconds(5));

        if (serial.MarkerTime is not { } toMarker)
        {
            throw new ToolchainException(
                $"{guest.Name}: QEMU exited with {process.ExitCode} before the marker line appeared on COM1; " +
                $"serial output: {serial.Text(400)}; QEMU: {errors.Result.Trim()}");
        }
        return new BootTiming(toMarker, toExit, serial.Lines.Lines);
    }

    /// <summary>Collects COM1's bytes and notes when the marker line (or the first line) completed.</summary>
    private sealed class SerialWatch
    {
        private readonly byte[]? _marker;
        private readonly Stopwatch _clock;
        private readonly MemoryStream _received = new();
        private readonly object _lock = new();

        public SerialWatch(string? marker, Stopwatch clock)
        {
            _marker = marker is null ? null : Encoding.ASCII.GetBytes(marker);
            _clock = clock;
            Lines = new LineArrivalRecorder(clock);
        }

        public LineArrivalRecorder Lines { get; }

        public TimeSpan? MarkerTime { get; private set; }

        public void Read(Stream stream)
        {
            var buffer = new byte[4096];
            int count;
            while ((count = stream.Read(buffer)) > 0)
            {
                lock (_lock)
                {
                    _received.Write(buffer, 0, count);
                    Lines.Write(buffer, 0, count);
                    if (MarkerTime is null && LineComplete(_received.GetBuffer().AsSpan(0, (int)_received.Length)))
                        MarkerTime = _clock.Elapsed;
                }
            }
        }

        public string Text(int limit)
        {
            lock (_lock)
            {
                string text = Encoding.UTF8.GetString(_received.GetBuffer(), 0, (int)_received.Length).ReplaceLineEndings(" / ");
                return text.Length == 0 ? "(none)" : text.Length <= limit ? text : "..." + text[^limit..];
            }
        }

        private bool LineComplete(ReadOnlySpan<byte> received)
        {
            if (_marker is null)
                return received.IndexOf((byte)'\n') >= 0;
            int at = received.IndexOf(_marker);
            return at >= 0 && received[(at + _marker.Length)..].IndexOf((byte)'\n') >= 0;
        }
    }
}
