using System.Text;

namespace Sharprun.Vfs.Mounts;

/// <summary>
/// One disk the boot configuration asks to mount: the platform's disk number, an absolute mount point, and whether
/// read-only. <see cref="ParseList"/> reads the kernel option's value, <c>DISK:PATH[:ro]</c> entries separated by
/// commas (<c>0:/data,1:/logs:ro</c>), which the launcher writes; anything else is refused with a message naming
/// the entry, since a disk mounted somewhere other than asked would be worse than none.
/// </summary>
public sealed record DiskMountRequest(int Disk, string Path, bool ReadOnly)
{
    public const int MaxDisks = 16;

    /// <exception cref="FormatException">The value is malformed; the message names the entry and what is wrong.</exception>
    public static IReadOnlyList<DiskMountRequest> ParseList(ReadOnlySpan<byte> value)
    {
        var requests = new List<DiskMountRequest>();
        if (value.IsEmpty)
            return requests;
        foreach (Range range in value.Split((byte)','))
        {
            ReadOnlySpan<byte> entry = value[range];
            DiskMountRequest request = Parse(entry);
            foreach (DiskMountRequest earlier in requests)
            {
                if (earlier.Disk == request.Disk)
                    throw Refuse(entry, $"disk {request.Disk} is mounted twice");
                if (earlier.Path == request.Path)
                    throw Refuse(entry, $"two disks are mounted at {request.Path}");
            }
            requests.Add(request);
        }
        // Parents first, so a disk mounted inside another's tree finds its mount point on that disk.
        return [.. requests.OrderBy(request => request.Path.Count(c => c == '/')).ThenBy(request => request.Path, StringComparer.Ordinal)];
    }

    private static DiskMountRequest Parse(ReadOnlySpan<byte> entry)
    {
        int colon = entry.IndexOf((byte)':');
        if (colon <= 0)
            throw Refuse(entry, "expected DISK:PATH[:ro]");
        if (!int.TryParse(entry[..colon], System.Globalization.NumberStyles.None, null, out int disk) || disk >= MaxDisks)
            throw Refuse(entry, $"the disk number must be 0..{MaxDisks - 1}");
        ReadOnlySpan<byte> rest = entry[(colon + 1)..];
        bool readOnly = false;
        if (rest.EndsWith(":ro"u8))
        {
            readOnly = true;
            rest = rest[..^3];
        }
        if (rest.IsEmpty || rest[0] != (byte)'/' || rest.IndexOfAny(":\0"u8) >= 0)
            throw Refuse(entry, "the mount point must be an absolute path without ':'");
        string path;
        try
        {
            path = new UTF8Encoding(false, true).GetString(rest);
        }
        catch (DecoderFallbackException)
        {
            throw Refuse(entry, "the mount point is not UTF-8");
        }
        path = path.TrimEnd('/');
        if (path.Length == 0)
            throw Refuse(entry, "a disk cannot be mounted at / (the root is the kernel's tmpfs)");
        foreach (string part in path.Split('/')[1..])
        {
            if (part is "" or "." or "..")
                throw Refuse(entry, "the mount point must not contain empty, '.' or '..' components");
        }
        return new DiskMountRequest(disk, path, readOnly);
    }

    private static FormatException Refuse(ReadOnlySpan<byte> entry, string reason) =>
        new($"fs.mounts: '{Encoding.UTF8.GetString(entry)}': {reason}");
}
