using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The Linux guest as a <see cref="ServingGuest"/>: <see cref="BootGuest"/>'s QEMU command line (the flags every
/// guest gets, COM1 on standard output) with the NIC of <see cref="GuestNetwork.QemuArguments"/>, the same device
/// Sharprun's launcher declares. Its initramfs must bring the NIC up (<see cref="LinuxNetworkSetup"/>).
/// </summary>
public sealed class LinuxServingGuest : ServingGuest
{
    private readonly Process _process;
    private readonly Task _reading;
    private readonly Task<string> _errors;

    public LinuxServingGuest(string qemu, BootGuest guest, GuestNetwork network) : base(guest.Name)
    {
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in guest.QemuArguments().Concat(network.QemuArguments()))
            start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        Clock.Start();
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            throw new BenchmarkPrerequisiteException($"cannot start {qemu}: {e.Message}");
        }
        // QEMU's serial stdio would otherwise wait on a terminal; the guest reads nothing.
        _process.StandardInput.Close();
        _errors = _process.StandardError.ReadToEndAsync();
        _reading = _process.StandardOutput.BaseStream.CopyToAsync(Output);
    }

    public override bool HasEnded => _process.HasExited;

    public override void WaitForCleanExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            throw new ToolchainException($"{Name} did not power off within {timeout.TotalSeconds:0} s: {Describe()}");
        _reading.Wait(TimeSpan.FromSeconds(5));
        var exit = Output.Lines.LastOrDefault(l => l.Text.StartsWith(LinuxInitramfs.ProgramExitMarker, StringComparison.Ordinal));
        if (exit?.Text[LinuxInitramfs.ProgramExitMarker.Length..] != "0")
            throw new ToolchainException($"{Name}: the program did not exit with 0: {Describe()}");
    }

    public override string Describe()
    {
        string qemu = _process.HasExited ? $"QEMU exited with {_process.ExitCode}; " + (_errors.IsCompleted ? _errors.Result.Trim() : "") : "running";
        return $"{qemu}; console: {PrintableText.Tail(Output.Text, 2000)}";
    }

    public override void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
