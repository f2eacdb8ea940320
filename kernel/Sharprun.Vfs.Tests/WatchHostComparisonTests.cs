using Sharprun.Vfs.Files;
using Sharprun.Vfs.Tests.Support;
using Sharprun.Vfs.Watches;

namespace Sharprun.Vfs.Tests;

/// <summary>
/// The same scenario on the host's Linux (its own inotify and syscalls under a temporary directory) and on the VFS:
/// after every step both must give the same results and queue the same events, in the same order.
/// </summary>
public sealed class WatchHostComparisonTests
{
    private const uint All = WatchMask.AllEvents;

    public static TheoryData<string> Scenarios => [.. s_scenarios.Keys];

    private static readonly Dictionary<string, Action<IWatchedTree, Action<string, int>>> s_scenarios = new()
    {
        ["create, write, close"] = (tree, step) =>
        {
            step("watch the root", tree.AddWatch("", All));
            int file = tree.Open("a", OpenFlags.WriteOnly | OpenFlags.Create);
            step("open creating", Math.Min(file, 0));
            step("write", tree.Write(file, "hello"));
            step("write again (merged)", tree.Write(file, "again"));
            step("close", tree.Close(file));
            file = tree.Open("a", OpenFlags.ReadOnly);
            step("read", tree.Read(file));
            step("close a reader", tree.Close(file));
            file = tree.Open("a", OpenFlags.WriteOnly | OpenFlags.Truncate);
            step("open truncating", Math.Min(file, 0));
            step("close a writer", tree.Close(file));
        },
        ["watched file and its directory"] = (tree, step) =>
        {
            step("watch the root", tree.AddWatch("", All));
            step("close a new file", tree.Close(tree.Open("f", OpenFlags.WriteOnly | OpenFlags.Create)));
            step("watch the file", tree.AddWatch("f", All));
            step("chmod", tree.ChangeMode("f", 0x180));
            step("truncate", tree.Truncate("f", 3));
            step("hard link", tree.Link("f", "g"));
            step("unlink one name", tree.Unlink("g"));
            step("unlink the last", tree.Unlink("f"));
        },
        ["renames in, out and over"] = (tree, step) =>
        {
            step("mkdir d", tree.MakeDirectory("d"));
            step("mkdir e", tree.MakeDirectory("e"));
            step("watch d", tree.AddWatch("d", All));
            step("watch e", tree.AddWatch("e", All));
            step("create d/a", tree.Close(tree.Open("d/a", OpenFlags.WriteOnly | OpenFlags.Create)));
            step("create d/b", tree.Close(tree.Open("d/b", OpenFlags.WriteOnly | OpenFlags.Create)));
            step("watch d/a", tree.AddWatch("d/a", All));
            step("watch d/b", tree.AddWatch("d/b", All));
            step("rename within d", tree.Rename("d/a", "d/c"));
            step("rename d to e", tree.Rename("d/c", "e/c"));
            step("rename over a watched file", tree.Rename("e/c", "d/b"));
            step("rename out of the watched tree", tree.Rename("d/b", "outside"));
            step("rename into it", tree.Rename("outside", "e/in"));
            step("mkdir inside", tree.MakeDirectory("e/sub"));
            step("move a directory", tree.Rename("e/sub", "d/sub"));
            step("symlink", tree.SymbolicLink("target", "e/link"));
        },
        ["rmdir of the watched directory"] = (tree, step) =>
        {
            step("mkdir d", tree.MakeDirectory("d"));
            step("watch the root", tree.AddWatch("", All));
            step("watch d", tree.AddWatch("d", All));
            step("chmod d", tree.ChangeMode("d", 0x1C0));
            step("rmdir d", tree.RemoveDirectory("d"));
            step("remove the gone watch", tree.RemoveWatch(2));
            step("remove the root's", tree.RemoveWatch(1));
        },
        ["unlinked while open"] = (tree, step) =>
        {
            step("watch the root", tree.AddWatch("", All));
            step("create f", tree.Close(tree.Open("f", OpenFlags.WriteOnly | OpenFlags.Create)));
            step("watch f", tree.AddWatch("f", All));
            int file = tree.Open("f", OpenFlags.ReadWrite);
            step("open", Math.Min(file, 0));
            step("unlink", tree.Unlink("f"));
            step("write after unlink", tree.Write(file, "x"));
            step("last close", tree.Close(file));
        },
        ["flags"] = (tree, step) =>
        {
            step("mkdir d", tree.MakeDirectory("d"));
            step("create f", tree.Close(tree.Open("f", OpenFlags.WriteOnly | OpenFlags.Create)));
            step("symlink to d", tree.SymbolicLink("d", "l"));
            step("only a directory, on a file", tree.AddWatch("f", All | WatchMask.OnlyDirectory));
            step("not following a link", tree.AddWatch("l", All | WatchMask.DontFollow | WatchMask.OnlyDirectory));
            step("the link itself", tree.AddWatch("l", All | WatchMask.DontFollow));
            step("through the link", tree.AddWatch("l", WatchMask.Create));
            step("the same directory again", tree.AddWatch("d", WatchMask.Delete | WatchMask.MaskAdd));
            step("create, asked for by the first mask", tree.Close(tree.Open("d/x", OpenFlags.WriteOnly | OpenFlags.Create)));
            step("replace the mask", tree.AddWatch("d", WatchMask.Delete));
            step("create, not asked for", tree.Close(tree.Open("d/y", OpenFlags.WriteOnly | OpenFlags.Create)));
            step("delete", tree.Unlink("d/y"));
            step("mask create on a watched node", tree.AddWatch("d", WatchMask.Delete | WatchMask.MaskCreate));
            step("add and create at once", tree.AddWatch("d", WatchMask.Delete | WatchMask.MaskCreate | WatchMask.MaskAdd));
            step("no known bit", tree.AddWatch("d", 0x0800_0000));
            step("a flag alone", tree.AddWatch("f", WatchMask.DontFollow));
            step("one shot", tree.AddWatch("f", WatchMask.Attributes | WatchMask.OneShot));
            step("chmod once", tree.ChangeMode("f", 0x180));
            step("chmod twice", tree.ChangeMode("f", 0x1A4));
            step("exclude unlinked", tree.AddWatch("", All | WatchMask.ExcludeUnlinked));
            int file = tree.Open("f", OpenFlags.ReadWrite);
            step("unlink open f", tree.Unlink("f"));
            step("write to it", tree.Write(file, "x"));
            step("close it", tree.Close(file));
            step("missing path", tree.AddWatch("nothing", All));
            step("bad descriptor", tree.RemoveWatch(99));
            step("negative descriptor", tree.RemoveWatch(-1));
        },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EventsAreLinuxs(string scenario)
    {
        List<string> host = Run(new HostWatchedTree(), scenario);
        List<string> ours = Run(new VfsWatchedTree(), scenario);
        Assert.Equal(string.Join("\n", host), string.Join("\n", ours));
    }

    private static List<string> Run(IWatchedTree tree, string scenario)
    {
        var log = new List<string>();
        using (tree)
        {
            tree.TakeEvents();
            s_scenarios[scenario](tree, (name, result) =>
            {
                log.Add($"{name}: {result}");
                log.AddRange(tree.TakeEvents().Select(e => "  " + e));
            });
        }
        return log;
    }
}
