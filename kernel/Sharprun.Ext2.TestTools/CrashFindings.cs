using System.Text.RegularExpressions;

namespace Sharprun.Ext2.TestTools;

/// <summary>
/// Sorts what e2fsck reports on an ext2 image cut off mid-write. Without a journal, writes in crash-safe order
/// (bitmaps before pointers, data and inode before the directory entry, pointers cleared before blocks are freed)
/// can only leave leaks: blocks and inodes marked in use that nothing reaches, inodes no entry names yet, link
/// counts above the entries, stale free counts — and, mid-rename, a directory named in both its old and new parent
/// or its ".." still naming the old one (without a journal moving a directory is several writes; adding the new
/// name first keeps it reachable whatever the cut, and e2fsck keeps one name and mends ".."). Anything else — an entry naming an unused inode, a block in use
/// but marked free, a block claimed twice, a directory missing '.' — means some write reached the disk before
/// one it depends on.
/// </summary>
public static partial class CrashFindings
{
    [GeneratedRegex(@"^(|e2fsck \d.*|Pass \d+[A-Z]?: .*|(Fix|Clear)\? (yes|no)|.*: \d+/\d+ files .*|.*\*\*\*\*\* FILE SYSTEM WAS MODIFIED \*\*\*\*\*"
        + @"|Free (blocks|inodes) count wrong.*|Directories count wrong.*|(Block|Inode) bitmap differences:(\s+-(\d+|\(\d+--\d+\)))+"
        + @"|Unattached (zero-length )?inode \d+.*|Connect to /lost\+found\? (yes|no)|Unconnected directory inode \d+ \(was in .*\)"
        + @"|Deleted inode \d+ has zero dtime\..*|Entry '.*' in .* \(\d+\) is a link to directory .* \(\d+\)\..*"
        + @"|'\.\.' in .* \(\d+\) is .* \(\d+\), should be .* \(\d+\)\..*)$")]
    private static partial Regex Leak();

    [GeneratedRegex(@"^Inode \d+ ref count is (\d+), should be (\d+)\.")]
    private static partial Regex LinkCount();

    /// <summary>The lines of <paramref name="e2fsckOutput"/> (-n or -y) that a leak does not explain.</summary>
    public static IReadOnlyList<string> OrderingViolations(string e2fsckOutput) =>
        e2fsckOutput.Split('\n').Select(line => line.TrimEnd()).Where(line => !Leak().IsMatch(line) && !CountAboveEntries(line)).ToList();

    /// <summary>A link count above the entries that name the inode: the count was raised before the entry was written.</summary>
    private static bool CountAboveEntries(string line) =>
        LinkCount().Match(line) is { Success: true } match && long.Parse(match.Groups[2].Value) < long.Parse(match.Groups[1].Value);
}
