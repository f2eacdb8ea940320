using System;
using System.Collections.Generic;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// Small files under /run that kernel libraries keep current, as a Linux system's daemons do (the network's
/// resolv.conf, which the baked /etc/resolv.conf links to). A library publishes a file's latest contents; the file
/// PAL, once it has made the tree, attaches the writer that puts them there. Either may come first, so the network
/// needs no file system and images without files carry neither. The writer runs under this class's lock, so two
/// publications of one file land in the order they were made.
/// </summary>
public static class RunDirectoryFiles
{
    private static readonly object s_sync = new();
    private static readonly Dictionary<string, byte[]> s_latest = [];
    private static Action<string, byte[]>? s_writer;

    /// <summary>Publishes <paramref name="contents"/> as /run/<paramref name="name"/>.</summary>
    public static void Publish(string name, byte[] contents)
    {
        lock (s_sync)
        {
            s_latest[name] = contents;
            s_writer?.Invoke(name, contents);
        }
    }

    /// <summary>Writes what was published so far with <paramref name="writer"/>, and everything published from now on.</summary>
    public static void Attach(Action<string, byte[]> writer)
    {
        lock (s_sync)
        {
            s_writer = writer;
            foreach (var (name, contents) in s_latest)
                writer(name, contents);
        }
    }
}
