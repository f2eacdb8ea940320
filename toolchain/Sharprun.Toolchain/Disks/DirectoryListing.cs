using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Toolchain.Disks;

/// <summary>
/// <c>disk ls</c>'s output: the names of a directory but "." and ".." (as ls -A), sorted by their bytes, or one
/// non-directory itself; with <c>-l</c>, ls -l's columns: mode string, links, uid, gid, size, modification time
/// (UTC, minutes), name, and "-> target" for a symbolic link.
/// </summary>
internal static class DirectoryListing
{
    public static void Write(DiskImage image, string path, bool longFormat, TextWriter output)
    {
        var attributes = image.LStat(path);
        var rows = new List<(string Name, string Path, NodeAttributes Attributes)>();
        if (attributes.Kind == NodeKind.Directory)
        {
            foreach (var entry in image.List(path))
            {
                var name = Encoding.UTF8.GetString(entry.Name);
                var entryPath = DiskImage.Join(path, name);
                rows.Add((name, entryPath, image.LStat(entryPath)));
            }
        }
        else
        {
            rows.Add((path, path, attributes));
        }

        if (!longFormat)
        {
            foreach (var row in rows)
                output.WriteLine(row.Name);
            return;
        }
        var cells = rows.Select(r => (Row: r, Links: r.Attributes.LinkCount.ToString(CultureInfo.InvariantCulture),
            User: r.Attributes.UserId.ToString(CultureInfo.InvariantCulture), Group: r.Attributes.GroupId.ToString(CultureInfo.InvariantCulture),
            Size: r.Attributes.Size.ToString(CultureInfo.InvariantCulture))).ToList();
        int links = cells.Select(c => c.Links.Length).DefaultIfEmpty().Max();
        int user = cells.Select(c => c.User.Length).DefaultIfEmpty().Max();
        int group = cells.Select(c => c.Group.Length).DefaultIfEmpty().Max();
        int size = cells.Select(c => c.Size.Length).DefaultIfEmpty().Max();
        foreach (var cell in cells)
        {
            var a = cell.Row.Attributes;
            var line = $"{ModeString(a.Kind, a.Permissions)} {cell.Links.PadLeft(links)} {cell.User.PadRight(user)} {cell.Group.PadRight(group)} " +
                $"{cell.Size.PadLeft(size)} {Time(a.ModifyTime)} {cell.Row.Name}";
            if (a.Kind == NodeKind.SymbolicLink && image.Files.ReadLink(DiskImage.Name(cell.Row.Path), out var target) == Vfs.FsError.Success)
                line += " -> " + Encoding.UTF8.GetString(target);
            output.WriteLine(line);
        }
    }

    /// <summary>ls's ten characters: the type, then rwx for owner, group and others, with s/S and t/T for setuid, setgid, sticky.</summary>
    public static string ModeString(NodeKind kind, uint permissions)
    {
        var text = new StringBuilder(10);
        text.Append(kind switch
        {
            NodeKind.Directory => 'd',
            NodeKind.SymbolicLink => 'l',
            NodeKind.CharacterDevice => 'c',
            NodeKind.BlockDevice => 'b',
            NodeKind.Fifo => 'p',
            NodeKind.Socket => 's',
            _ => '-',
        });
        for (var shift = 6; shift >= 0; shift -= 3)
        {
            var bits = permissions >> shift;
            text.Append((bits & 4) != 0 ? 'r' : '-');
            text.Append((bits & 2) != 0 ? 'w' : '-');
            var special = shift switch { 6 => (permissions & 0x800) != 0, 3 => (permissions & 0x400) != 0, _ => (permissions & 0x200) != 0 };
            var execute = (bits & 1) != 0;
            var letter = shift == 0 ? 't' : 's';
            text.Append(special ? (execute ? letter : char.ToUpperInvariant(letter)) : (execute ? 'x' : '-'));
        }
        return text.ToString();
    }

    private static string Time(long nanoseconds) =>
        DateTime.UnixEpoch.AddTicks(nanoseconds / 100).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
