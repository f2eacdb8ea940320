using System;
using System.Collections.Generic;
using System.Globalization;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A guest whose boot is timed: a kernel for <c>-kernel</c>, optionally an initrd and a command line, and the line
/// whose arrival on COM1 counts as "booted". A null <see cref="Marker"/> means the first complete line, for an
/// image whose COM1 carries only the application's output. <see cref="Devices"/> are QEMU options for devices
/// beyond the console (a disk), appended as they are.
/// </summary>
public sealed record BootGuest(string Name, string Kernel, string? Initrd, string? CommandLine, string? Marker, TimeSpan Timeout, int MemoryMiB = BootGuest.DefaultMemoryMiB)
{
    /// <summary>The <c>-m</c> of <see cref="CommonFlags"/>; a guest may ask for another.</summary>
    public const int DefaultMemoryMiB = 128;

    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>The QEMU flags every guest gets, so the figures compare.</summary>
    public static readonly IReadOnlyList<string> CommonFlags =
        ["-accel", "tcg", "-cpu", "max", "-m", "128", "-display", "none", "-no-reboot"];

    /// <summary>
    /// The whole QEMU command line: the common flags; no default devices; one serial port (COM1) on QEMU's standard
    /// output; isa-debug-exit, with which Sharprun and the floor kernel power off (Linux uses ACPI).
    /// </summary>
    public IReadOnlyList<string> QemuArguments()
    {
        var arguments = new List<string>(CommonFlags);
        arguments[arguments.IndexOf("-m") + 1] = MemoryMiB.ToString(CultureInfo.InvariantCulture);
        arguments.AddRange(new[]
        {
            "-nodefaults",
            "-serial", "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", Kernel,
        });
        if (Initrd is not null)
            arguments.AddRange(["-initrd", Initrd]);
        if (CommandLine is not null)
            arguments.AddRange(["-append", CommandLine]);
        arguments.AddRange(Devices);
        return arguments;
    }
}
