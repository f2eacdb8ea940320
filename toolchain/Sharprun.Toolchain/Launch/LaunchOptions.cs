using System.Collections.Generic;

namespace Sharprun.Toolchain.Launch;

/// <summary>How to boot an image: memory, accelerator, an optional time limit and the application's arguments.</summary>
public sealed record LaunchOptions(
    string Image,
    IReadOnlyList<string> Arguments,
    int MemoryMiB,
    int? TimeoutSeconds,
    string Accelerator,
    bool Verbose)
{
    /// <summary>Options for the kernel itself (e.g. gc.verify), written before the arguments on the command line.</summary>
    public IReadOnlyList<string> KernelOptions { get; init; } = [];

    /// <summary>Environment variables ("KEY=VALUE") for this boot; they override the image's baked defaults key by key.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>The guest's NIC and its configuration; none by default.</summary>
    public GuestNetwork Network { get; init; } = GuestNetwork.Disconnected;

    /// <summary>Disk images attached as virtio-blk devices and mounted by the guest, in order; none by default.</summary>
    public IReadOnlyList<GuestDisk> Disks { get; init; } = [];
}
