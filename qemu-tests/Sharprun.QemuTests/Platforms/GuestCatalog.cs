namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// Every guest the platform-independent tests boot. The Xen rig boots them all as DomUs in one dom0 boot (about 16 s
/// of Xen and Linux before the first guest), so each must be declared here, up front; on bare metal each test boots
/// its case itself.
/// </summary>
public static class GuestCatalog
{
    public static IReadOnlyList<GuestCase> All { get; } =
    [
        // Boot/ProgramEquivalenceTests, Boot/MathEquivalenceTests
        new("features", "x y", "z"),
        new("features"),
        new("exceptions"),
        new("math"),
        new("bcl"),
        new("crypto"),
        new("sockets"),

        // Boot/CompressionTests
        new("compression"),
        new("compression", "interop"),

        // Files/FileSystemTests
        new("files", "/tmp"),
        new("files", "/tmp", "drives"),

        // Files/BakedFilesTests
        new("bakedfiles"),

        // Boot/EndingTests, Boot/WallClockTests
        new("faults", "exit-code", "0"),
        new("faults", "exit-code", "1"),
        new("faults", "exit-code", "200"),
        new("faults", "exit-code", "255"),
        new("faults", "exit"),
        new("features", "a b", "say \"hi\"", "back\\slash", "ünï"),
        new("faults", "out-of-memory"),
        new("faults", "unhandled"),
        new("faults", "null-store"),
        new("faults", "clock"),

        // Boot/ProtectionTests
        new("protection", "read-code"),
        new("protection", "write-code"),
        new("protection", "execute-data"),
        new("protection", "recurse"),
        new("protection", "allocate"),

        // Gc/CollectorTests
        new("gc", "torture") { KernelOptions = [KernelOption.GcVerify] },
        new("gc", "trees", "16") { KernelOptions = [KernelOption.GcTrace] },
        new("gc", "oom") { KernelOptions = [KernelOption.GcVerify] },

        // Threading/ThreadingTests, Threading/TimerAccuracyTests
        new("threads", "all"),
        new("threads", "spin"),
        new("threads", "thousand"),
        new("threads", "allocating") { KernelOptions = [KernelOption.GcVerify] },
        new("threads", "unhandled"),
        new("threads", "timing") { RunsAlone = true },

        // Boot/CryptographyTests
        new("crypto", "unsupported"),
    ];
}
