using System;
using System.IO;
using System.Threading.Tasks;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A Sharprun image as a <see cref="ServingGuest"/>, booted by the launcher of <c>sharprun run</c> (so its QEMU
/// command line, NIC included) on a thread of its own; the clock starts as the launcher is called, a few
/// milliseconds before QEMU starts (the launcher first creates its serial sockets).
/// </summary>
public sealed class SharprunServingGuest : ServingGuest
{
    private readonly QemuLauncher _launcher;
    private readonly MemoryStream _error = new();
    private readonly Task<LaunchOutcome> _run;

    public SharprunServingGuest(string name, string image, int memoryMiB, TimeSpan timeout, GuestNetwork network) : base(name)
    {
        var options = new LaunchOptions(image, [], memoryMiB, (int)Math.Ceiling(timeout.TotalSeconds), "tcg", Verbose: false) { Network = network };
        _launcher = new QemuLauncher(options, Output, _error);
        Clock.Start();
        _run = Task.Run(_launcher.Run);
    }

    public override bool HasEnded => _run.IsCompleted;

    public override void WaitForCleanExit(TimeSpan timeout)
    {
        Task.WhenAny(_run, Task.Delay(timeout)).Wait();
        if (!_run.IsCompleted)
            throw new ToolchainException($"{Name} did not exit within {timeout.TotalSeconds:0} s: {Describe()}");
        if (_run.IsFaulted || _run.Result is not { End: LaunchEnd.Exited, ExitCode: 0 })
            throw new ToolchainException($"{Name}: the program did not exit with 0: {Describe()}");
    }

    public override string Describe()
    {
        if (!_run.IsCompleted)
            return $"running; output: {PrintableText.Tail(Output.Text, 400)}";
        string end = _run.IsFaulted ? $"the launcher failed: {_run.Exception?.GetBaseException().Message}" : $"{_run.Result.End}, exit code {_run.Result.ExitCode}";
        // The launcher writes standard error only from its own threads, all done once the run has completed.
        string error = System.Text.Encoding.UTF8.GetString(_error.ToArray()).Trim();
        return $"{end}; standard error: {PrintableText.Tail(error, 600)}; output: {PrintableText.Tail(Output.Text, 300)}";
    }

    public override void Dispose()
    {
        if (!_run.IsCompleted)
            _launcher.Interrupt();
        Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(30))).Wait();
    }
}
