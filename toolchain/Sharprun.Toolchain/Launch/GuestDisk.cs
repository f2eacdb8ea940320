using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// A disk image given to the guest with <c>--disk FILE[:MOUNTPOINT][,ro]</c> (rumprun's <c>-b</c>): a raw image file
/// attached as a virtio-blk device and mounted at <see cref="MountPoint"/> — <c>/data</c> for the first disk without
/// one. The file system is the guest's to detect. QEMU's write-back cache honours the guest's flushes (never
/// cache=unsafe), so what the guest fsyncs is on the host's disk.
/// </summary>
public sealed record GuestDisk(string File, string MountPoint, bool ReadOnly)
{
    public const string DefaultMountPoint = "/data";

    /// <summary>
    /// An existing file that QEMU's blklogwrites driver fills with every write and flush the guest makes to this disk,
    /// in order (Linux dm-log-writes' format), so crash tests can rebuild each state the disk passed through; null
    /// for an ordinary disk. Set by tests, not by an option of <c>run</c>.
    /// </summary>
    public string? WriteLog { get; init; }

    /// <summary>Reads every <c>--disk</c> value in order, checking the files exist and no file or mount point is used twice.</summary>
    public static IReadOnlyList<GuestDisk> ParseAll(IReadOnlyList<string> values)
    {
        var disks = new List<GuestDisk>();
        foreach (string value in values)
        {
            GuestDisk disk = Parse(value, disks.Count == 0 ? DefaultMountPoint : null);
            if (disks.Any(other => other.MountPoint == disk.MountPoint))
                throw new FormatException($"'{value}': another disk is already mounted at {disk.MountPoint}");
            if (disks.Any(other => other.File == disk.File))
                throw new FormatException($"'{value}': {disk.File} is given twice (QEMU cannot open one image for two disks)");
            disks.Add(disk);
        }
        return disks;
    }

    /// <param name="defaultMountPoint">Where a disk without a mount point goes; null when it must name one.</param>
    public static GuestDisk Parse(string value, string? defaultMountPoint)
    {
        string rest = value;
        bool readOnly = false;
        if (rest.EndsWith(",ro", StringComparison.Ordinal))
        {
            readOnly = true;
            rest = rest[..^3];
        }
        else if (rest.Contains(','))
            throw new FormatException($"'{value}': the only option after ',' is ro (FILE[:MOUNTPOINT][,ro])");
        // A mount point is absolute, so the last ":/" splits it from a file name that may itself contain ':'.
        int split = rest.LastIndexOf(":/", StringComparison.Ordinal);
        string file = split < 0 ? rest : rest[..split];
        string? mountPoint = split < 0 ? defaultMountPoint : rest[(split + 1)..];
        if (file.Length == 0)
            throw new FormatException($"'{value}' names no image file (FILE[:MOUNTPOINT][,ro])");
        if (mountPoint is null)
            throw new FormatException($"'{value}': only the first disk has a default mount point ({DefaultMountPoint}); give this one FILE:MOUNTPOINT");
        mountPoint = CheckMountPoint(mountPoint, value);
        string path = Path.GetFullPath(file);
        if (!System.IO.File.Exists(path))
            throw new FormatException($"'{value}': no such image file: {path} (make one with 'sharprun disk create {file} --size 64M')");
        if (new FileInfo(path).Length < 512)
            throw new FormatException($"'{value}': {path} is smaller than one 512-byte sector");
        return new GuestDisk(path, mountPoint, readOnly);
    }

    /// <summary>The QEMU options that attach disk <paramref name="index"/>.</summary>
    public IReadOnlyList<string> QemuArguments(int index)
    {
        string id = "disk" + index;
        string drive = WriteLog is null
            ? $"file={Escape(File)},if=none,id={id},format=raw,cache=writeback"
            // 512-byte log sectors: every request the guest makes is a whole number of them.
            : $"driver=blklogwrites,file.driver=file,file.filename={Escape(File)},log.driver=file,log.filename={Escape(WriteLog)},log-sector-size=512,log-append=off,if=none,id={id},cache=writeback";
        if (ReadOnly)
            drive += ",readonly=on";
        return ["-drive", drive, "-device", $"virtio-blk-pci,drive={id}"];
    }

    /// <summary>The kernel option that mounts <paramref name="disks"/> (disk numbers are their order on PCI, which is theirs here).</summary>
    public static IReadOnlyList<string> KernelOptions(IReadOnlyList<GuestDisk> disks) =>
        disks.Count == 0
            ? []
            : ["fs.mounts=" + string.Join(',', disks.Select((disk, index) => $"{index}:{disk.MountPoint}{(disk.ReadOnly ? ":ro" : "")}"))];

    /// <summary>QEMU's option syntax doubles a comma inside a value.</summary>
    private static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);

    private static string CheckMountPoint(string mountPoint, string value)
    {
        string trimmed = mountPoint.TrimEnd('/');
        if (trimmed.Length == 0)
            throw new FormatException($"'{value}': a disk cannot be mounted at / (the guest's root is its tmpfs)");
        if (trimmed.Any(c => c is ' ' or ',' or ':' or '"' or '\\' || char.IsControl(c)))
            throw new FormatException($"'{value}': the mount point '{mountPoint}' may not contain spaces, ',', ':', quotes, backslashes or control characters");
        if (trimmed.Split('/')[1..].Any(part => part is "" or "." or ".."))
            throw new FormatException($"'{value}': the mount point '{mountPoint}' must not contain empty, '.' or '..' components");
        return trimmed;
    }
}
