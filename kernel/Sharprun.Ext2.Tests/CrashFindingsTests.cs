using Sharprun.Ext2.TestTools;

namespace Sharprun.Ext2.Tests;

/// <summary>Telling the leaks ext2's write order allows from findings that mean a write reached the disk too early.</summary>
public sealed class CrashFindingsTests
{
    [Fact]
    public void LeaksAndTheRenameWindowAreAllowed()
    {
        const string Output = """
            e2fsck 1.47.0 (5-Feb-2023)
            Pass 1: Checking inodes, blocks, and sizes
            Pass 2: Checking directory structure
            Entry 'inner' in /e (15) is a link to directory /d/inner (85).
            Clear? yes

            '..' in /d/inner (85) is /e (15), should be /d (12).
            Fix? yes

            Pass 3: Checking directory connectivity
            Unconnected directory inode 12 (was in /)
            Connect to /lost+found? yes

            Pass 4: Checking reference counts
            Inode 12 ref count is 3, should be 2.  Fix? yes
            Unattached inode 14
            Connect to /lost+found? yes
            Unattached zero-length inode 15.  Clear? yes
            Deleted inode 16 has zero dtime.  Fix? yes
            Pass 5: Checking group summary information
            Block bitmap differences:  -(1200--1300) -1400
            Fix? yes

            Inode bitmap differences:  -17
            Free blocks count wrong for group #0 (7000, counted=7100).
            Free inodes count wrong (2000, counted=2001).
            Directories count wrong for group #0 (3, counted=2).

            /tmp/x.img: ***** FILE SYSTEM WAS MODIFIED *****
            /tmp/x.img: 12/1024 files (0.0% non-contiguous), 291/4096 blocks
            """;
        Assert.Empty(CrashFindings.OrderingViolations(Output));
    }

    [Theory]
    [InlineData("Entry 'big.bin' in / (2) has deleted/unused inode 14.  Clear? yes")]
    [InlineData("Inode 2 ref count is 2, should be 3.  Fix? yes")]
    [InlineData("Block bitmap differences:  -1200 +(1300--1310)")]
    [InlineData("Inode bitmap differences:  +17")]
    [InlineData("Multiply-claimed block(s) in inode 19: 1500")]
    [InlineData("Missing '..' in directory inode 12.")]
    [InlineData("Directory inode 12, block #0, offset 0: directory corrupted")]
    public void WritesOutOfOrderAreNot(string line) =>
        Assert.Equal([line], CrashFindings.OrderingViolations($"Pass 1: Checking inodes, blocks, and sizes\n{line}\nFix? yes\n"));
}
