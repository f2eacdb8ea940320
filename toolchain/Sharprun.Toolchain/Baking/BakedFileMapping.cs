using System;
using System.IO;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Baking;

/// <summary>
/// One <c>sharprun build --files HOSTDIR:GUESTDIR</c>: a host directory whose tree is baked, read-only, at an absolute
/// guest directory. The guest directory is what follows the last ':' (host paths may hold colons, guest paths start
/// with '/'); it may not be the root, nor /tmp or beneath it (the writable tmpfs the baked files would hide).
/// </summary>
public sealed record BakedFileMapping(string HostDirectory, string GuestDirectory)
{
    public const string Syntax = "HOSTDIR:GUESTDIR";

    /// <summary>Checks one value; throws <see cref="UsageException"/> saying what is wrong with it.</summary>
    public static BakedFileMapping Parse(string value, string command)
    {
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
            throw new UsageException($"--files needs {Syntax} (e.g. ./data:/app/data), not '{value}'", command);
        string host = value[..colon];
        string guest = value[(colon + 1)..];
        if (!guest.StartsWith('/'))
            throw new UsageException($"--files {value}: the guest directory '{guest}' must be an absolute path (e.g. /app/data)", command);
        if (guest.Contains('\0') || host.Contains('\0'))
            throw new UsageException($"--files {value}: the value contains a NUL character", command);
        string normalized = guest.TrimEnd('/');
        if (normalized.Length == 0)
            throw new UsageException($"--files {value}: files cannot be baked at the root; name a directory such as /app/data or /srv", command);
        foreach (string component in normalized[1..].Split('/'))
        {
            if (component is "" or "." or "..")
                throw new UsageException($"--files {value}: the guest directory '{guest}' has an empty, '.' or '..' component", command);
        }
        if (normalized == "/tmp" || normalized.StartsWith("/tmp/", StringComparison.Ordinal))
            throw new UsageException($"--files {value}: /tmp is the guest's writable tmpfs; bake the files elsewhere", command);
        string fullHost = Path.GetFullPath(host);
        if (File.Exists(fullHost))
            throw new UsageException($"--files {value}: '{host}' is a file; --files takes a directory", command);
        if (!Directory.Exists(fullHost))
            throw new UsageException($"--files {value}: the host directory '{host}' does not exist", command);
        return new BakedFileMapping(fullHost, normalized);
    }
}
