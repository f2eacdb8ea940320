using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The reference Linux guest's initramfs: a static busybox and an /init script that prints
/// <see cref="Marker"/> on the console and powers the machine off at once. /dev/console is included because
/// the kernel opens it for /init's standard streams before any devtmpfs exists.
/// </summary>
public static class LinuxInitramfs
{
    public const string Marker = "sharprun-bench: linux init reached";

    public static string InitScript =>
        "#!/bin/busybox sh\n" +
        $"/bin/busybox echo '{Marker}'\n" +
        "/bin/busybox poweroff -f\n";

    /// <summary>A gzip-compressed newc cpio archive holding <paramref name="busybox"/> and the /init script.</summary>
    public static byte[] Build(ReadOnlySpan<byte> busybox)
    {
        if (busybox.Length < 4 || busybox[0] != 0x7F || busybox[1] != (byte)'E' || busybox[2] != (byte)'L' || busybox[3] != (byte)'F')
            throw new ArgumentException("the busybox binary is not an ELF file", nameof(busybox));

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var cpio = new CpioArchiveWriter(gzip);
            cpio.AddDirectory("dev");
            cpio.AddCharacterDevice("dev/console", 5, 1);
            cpio.AddDirectory("bin");
            cpio.AddFile("bin/busybox", busybox, executable: true);
            cpio.AddSymbolicLink("bin/sh", "busybox");
            cpio.AddDirectory("proc");
            cpio.AddDirectory("sys");
            cpio.AddFile("init", Encoding.ASCII.GetBytes(InitScript), executable: true);
            cpio.Finish();
        }
        return compressed.ToArray();
    }
}
