using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Sharprun.Toolchain.Baking;

/// <summary>
/// Writes a cpio archive in the "newc" format (magic 070701), the format the Linux kernel unpacks as an
/// initramfs: per entry a 110-byte ASCII header of thirteen 8-digit hex fields, the NUL-terminated name and then
/// the data, each padded to 4 bytes; the archive ends with the entry <c>TRAILER!!!</c>. Owners are root, times 0,
/// so the same inputs always give the same bytes.
/// </summary>
public sealed class CpioArchiveWriter
{
    public const string Trailer = "TRAILER!!!";

    private const int DirectoryType = 0b100_000_000_000_000;       // S_IFDIR 0040000
    private const int RegularFileType = 0b1_000_000_000_000_000;   // S_IFREG 0100000
    private const int SymbolicLinkType = 0b1_010_000_000_000_000;  // S_IFLNK 0120000
    private const int CharacterDeviceType = 0b10_000_000_000_000;  // S_IFCHR 0020000

    /// <summary>rwxr-xr-x (0755).</summary>
    public const int ExecutablePermissions = 0b111_101_101;

    /// <summary>rw-r--r-- (0644).</summary>
    public const int FilePermissions = 0b110_100_100;

    /// <summary>rw------- (0600).</summary>
    public const int DevicePermissions = 0b110_000_000;

    private readonly Stream _output;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private long _written;
    private int _nextInode = 1;
    private bool _finished;

    public CpioArchiveWriter(Stream output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    public void AddDirectory(string path) =>
        AddEntry(path, DirectoryType | ExecutablePermissions, nlink: 2, ReadOnlySpan<byte>.Empty, 0, 0);

    public void AddFile(string path, ReadOnlySpan<byte> contents, bool executable) =>
        AddEntry(path, RegularFileType | (executable ? ExecutablePermissions : FilePermissions), nlink: 1, contents, 0, 0);

    public void AddSymbolicLink(string path, string target)
    {
        if (target.Length == 0 || target.Contains('\0'))
            throw new ArgumentException($"cpio: symbolic link '{path}' needs a non-empty target without NUL characters", nameof(target));
        AddEntry(path, SymbolicLinkType | 0b111_111_111, nlink: 1, Encoding.UTF8.GetBytes(target), 0, 0);
    }

    public void AddCharacterDevice(string path, int major, int minor)
    {
        if (major < 0 || minor < 0)
            throw new ArgumentOutOfRangeException(nameof(major), $"cpio: device numbers of '{path}' must not be negative");
        AddEntry(path, CharacterDeviceType | DevicePermissions, nlink: 1, ReadOnlySpan<byte>.Empty, major, minor);
    }

    /// <summary>Writes the trailer; nothing can be added afterwards.</summary>
    public void Finish()
    {
        ThrowIfFinished();
        WriteEntry(Trailer, inode: 0, mode: 0, nlink: 1, ReadOnlySpan<byte>.Empty, 0, 0);
        _finished = true;
        _output.Flush();
    }

    private void AddEntry(string path, int mode, int nlink, ReadOnlySpan<byte> data, int rdevMajor, int rdevMinor)
    {
        ThrowIfFinished();
        CheckPath(path);
        if (!_names.Add(path))
            throw new ArgumentException($"cpio: '{path}' is already in the archive", nameof(path));
        WriteEntry(path, _nextInode++, mode, nlink, data, rdevMajor, rdevMinor);
    }

    /// <summary>Archive paths are relative ("bin/busybox"): no leading '/', no empty, '.' or '..' components, no NUL.</summary>
    private static void CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0') || path.StartsWith('/') || path == Trailer)
            throw new ArgumentException($"cpio: invalid entry name '{path}'", nameof(path));
        foreach (var component in path.Split('/'))
        {
            if (component is "" or "." or "..")
                throw new ArgumentException($"cpio: invalid entry name '{path}' (empty, '.' or '..' component)", nameof(path));
        }
    }

    private void WriteEntry(string name, int inode, int mode, int nlink, ReadOnlySpan<byte> data, int rdevMajor, int rdevMinor)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder(110);
        header.Append("070701");
        foreach (long field in new long[]
        {
            inode, mode, 0 /* uid */, 0 /* gid */, nlink, 0 /* mtime */, data.Length,
            0 /* devmajor */, 0 /* devminor */, rdevMajor, rdevMinor, nameBytes.Length, 0 /* check */,
        })
        {
            header.Append(((uint)field).ToString("x8", CultureInfo.InvariantCulture));
        }
        Write(Encoding.ASCII.GetBytes(header.ToString()));
        Write(nameBytes);
        Pad();
        Write(data);
        Pad();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _written += bytes.Length;
    }

    private void Pad()
    {
        int padding = (int)((4 - _written % 4) % 4);
        Write(new byte[padding]);
    }

    private void ThrowIfFinished()
    {
        if (_finished)
            throw new InvalidOperationException("cpio: the archive is already finished");
    }
}
