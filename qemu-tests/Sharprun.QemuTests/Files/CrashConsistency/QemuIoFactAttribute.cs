using Xunit;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>A fact that needs QEMU's qemu-io (package qemu-utils), skipped with the reason when it is missing.</summary>
public sealed class QemuIoFactAttribute : FactAttribute
{
    public const string QemuIo = "/usr/bin/qemu-io";

    public QemuIoFactAttribute()
    {
        if (!File.Exists(QemuIo))
            Skip = "qemu-io not installed (apt-get install qemu-utils)";
    }
}
