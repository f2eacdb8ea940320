using System.Collections.Generic;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// The QEMU command line for one boot. The guest's three serial ports are Unix sockets the launcher listens on:
/// COM1 (0x3F8) the application's standard output, COM2 (0x2F8) its standard error, COM3 (0x3E8) the kernel log;
/// QEMU gives ISA serial ports those addresses in the order they are declared. isa-debug-exit at 0xF4 lets the
/// guest power off with a status.
/// </summary>
public static class QemuCommand
{
    public const string Executable = "qemu-system-x86_64";
    public const string InstallHint = "apt-get install qemu-system-x86";

    /// <param name="serialSockets">The socket paths for COM1, COM2 and COM3, in that order.</param>
    public static IReadOnlyList<string> Arguments(LaunchOptions options, IReadOnlyList<string> serialSockets)
    {
        var arguments = new List<string>
        {
            "-accel", options.Accelerator,
            // TCG emulates every feature it can; KVM passes the host's through.
            "-cpu", options.Accelerator == "kvm" ? "host" : "max",
            "-m", options.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-kernel", options.Image,
            "-append", KernelCommandLine.Encode([.. options.KernelOptions, .. options.Network.KernelOptions(), .. GuestDisk.KernelOptions(options.Disks)], options.Environment, options.Arguments),
            // No VGA, default NIC or default serial/monitor: only the devices declared here.
            "-nodefaults",
            "-no-reboot",
            "-display", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
        };
        arguments.AddRange(options.Network.QemuArguments());
        for (int disk = 0; disk < options.Disks.Count; disk++)
            arguments.AddRange(options.Disks[disk].QemuArguments(disk));
        for (int port = 0; port < serialSockets.Count; port++)
        {
            string id = "com" + (port + 1);
            arguments.Add("-chardev");
            arguments.Add($"socket,id={id},path={serialSockets[port]}");
            arguments.Add("-serial");
            arguments.Add("chardev:" + id);
        }
        return arguments;
    }
}
