using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

// Ordinary file work in a fresh folder under args[0] (/tmp in the guest, a temporary folder on the host). Prints
// facts only — no times of day, random names or absolute paths — so the guest's output equals the host's.
// With "drives" as args[1] it prints only each drive's name, format and type: what differs between the guest
// (a tmpfs root and the baked trees) and the host, so the boot test compares it with the guest's own mounts instead.
if (args is [_, "drives"])
{
    foreach (DriveInfo drive in DriveInfo.GetDrives())
        Console.WriteLine($"{drive.Name} {drive.DriveFormat} {drive.DriveType}");
    return 0;
}

string root = Path.Combine(args.Length > 0 ? args[0] : Path.GetTempPath(), "sharprun-files");
if (Directory.Exists(root))
    Directory.Delete(root, recursive: true);
Directory.CreateDirectory(root);
Directory.SetCurrentDirectory(root);
Console.WriteLine($"cwd is the work folder: {Environment.CurrentDirectory == root}");
Console.WriteLine($"full path of a relative name: {Path.GetFullPath("x") == Path.Combine(root, "x")}");

Step("whole files", () =>
{
    File.WriteAllText("a.txt", "hello world\n");
    File.AppendAllText("a.txt", "second line\n");
    Console.WriteLine($"text {Escape(File.ReadAllText("a.txt"))}");
    Console.WriteLine($"lines {File.ReadAllLines("a.txt").Length}");
    Console.WriteLine($"length {new FileInfo("a.txt").Length}");
    File.WriteAllBytes("bytes.bin", [1, 2, 3]);
    Console.WriteLine($"bytes {string.Join(",", File.ReadAllBytes("bytes.bin"))}");
});

Step("file stream", () =>
{
    using (var stream = new FileStream("b.bin", FileMode.Create, FileAccess.ReadWrite))
    {
        stream.Write(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        Console.WriteLine($"length {stream.Length} position {stream.Position}");
        stream.Seek(10, SeekOrigin.Begin);
        Console.WriteLine($"byte at 10: {stream.ReadByte()}");
        Console.WriteLine($"seek -5 from end: {stream.Seek(-5, SeekOrigin.End)}");
        stream.SetLength(50);
        Console.WriteLine($"after SetLength: length {stream.Length} position {stream.Position}");
        stream.Seek(60, SeekOrigin.Begin);
        stream.WriteByte(7);
        stream.Flush(flushToDisk: true);
        Console.WriteLine($"after a write past the end: length {stream.Length}");
        stream.Seek(50, SeekOrigin.Begin);
        var hole = new byte[11];
        stream.ReadExactly(hole);
        Console.WriteLine($"hole {string.Join(",", hole)}");
        Console.WriteLine($"can seek {stream.CanSeek}, at end reads {stream.Read(new byte[4])}");
    }
    Console.WriteLine($"length on disk {new FileInfo("b.bin").Length}");
    using (var append = new FileStream("b.bin", FileMode.Append))
    {
        append.Write("xyz"u8);
        Console.WriteLine($"append position {append.Position}");
    }
    Console.WriteLine($"after append {new FileInfo("b.bin").Length}");
    using (var reader = new StreamReader("a.txt"))
        Console.WriteLine($"first line {reader.ReadLine()}");
});

Step("random access", () =>
{
    using var handle = File.OpenHandle("c.bin", FileMode.CreateNew, FileAccess.ReadWrite);
    RandomAccess.Write(handle, "abcdef"u8, 100);
    Console.WriteLine($"length {RandomAccess.GetLength(handle)}");
    var three = new byte[3];
    Console.WriteLine($"read {RandomAccess.Read(handle, three, 102)} bytes: {Encoding.ASCII.GetString(three)}");
    var start = new byte[4];
    Console.WriteLine($"read {RandomAccess.Read(handle, start, 0)} bytes at 0: {string.Join(",", start)}");
    Console.WriteLine($"read past the end: {RandomAccess.Read(handle, start, 500)}");
    RandomAccess.SetLength(handle, 101);
    Console.WriteLine($"after SetLength {RandomAccess.GetLength(handle)}");
});

Step("random access with several buffers", () =>
{
    using var handle = File.OpenHandle("v.bin", FileMode.CreateNew, FileAccess.ReadWrite);
    RandomAccess.Write(handle, new ReadOnlyMemory<byte>[] { "abc"u8.ToArray(), "defgh"u8.ToArray(), Array.Empty<byte>(), "ij"u8.ToArray() }, 10);
    Console.WriteLine($"length {RandomAccess.GetLength(handle)}");
    byte[] first = new byte[4], second = new byte[6], third = new byte[8];
    long read = RandomAccess.Read(handle, new Memory<byte>[] { first, second, third }, 8);
    Console.WriteLine($"read {read}: {string.Join(",", first)} | {string.Join(",", second)} | {string.Join(",", third)}");
    Console.WriteLine($"read past the end: {RandomAccess.Read(handle, new Memory<byte>[] { first, second }, 100)}");
});

Step("watching a folder", () =>
{
    string watched = Path.Combine(root, "watched");
    Directory.CreateDirectory(watched);
    var events = new BlockingCollection<string>();
    using (var watcher = new FileSystemWatcher(watched))
    {
        watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
        watcher.Created += (_, e) => events.Add($"created {e.Name}");
        watcher.Changed += (_, e) => events.Add($"changed {e.Name}");
        watcher.Deleted += (_, e) => events.Add($"deleted {e.Name}");
        watcher.Renamed += (_, e) => events.Add($"renamed {e.OldName} to {e.Name}");
        watcher.Error += (_, e) => events.Add($"error {e.GetException().GetType().Name}");
        watcher.EnableRaisingEvents = true;
        Watch(events, "create a file", () => File.WriteAllText(Path.Combine(watched, "a.txt"), "hello"), "changed a.txt");
        Watch(events, "append", () => File.AppendAllText(Path.Combine(watched, "a.txt"), " again"), "changed a.txt");
        Watch(events, "rename", () => File.Move(Path.Combine(watched, "a.txt"), Path.Combine(watched, "b.txt")), "renamed a.txt to b.txt");
        Watch(events, "move out", () => File.Move(Path.Combine(watched, "b.txt"), "outside.txt"), "deleted b.txt");
        Watch(events, "move in", () => File.Move("outside.txt", Path.Combine(watched, "c.txt")), "created c.txt");
        Watch(events, "make a directory", () => Directory.CreateDirectory(Path.Combine(watched, "sub")), "created sub");
        Watch(events, "delete a file", () => File.Delete(Path.Combine(watched, "c.txt")), "deleted c.txt");
        Watch(events, "remove the directory", () => Directory.Delete(Path.Combine(watched, "sub")), "deleted sub");
        watcher.EnableRaisingEvents = false;
    }
    Directory.Delete(watched);
    Console.WriteLine($"stopped, leftover events {events.Count}");
});

Step("drives", () =>
{
    Console.WriteLine($"the root is a drive: {DriveInfo.GetDrives().Any(d => d.Name == "/")}");
    var drive = new DriveInfo(root);
    Console.WriteLine($"ready {drive.IsReady}, sizes ordered {drive.TotalSize > 0 && drive.AvailableFreeSpace <= drive.TotalFreeSpace && drive.TotalFreeSpace <= drive.TotalSize}");
    Console.WriteLine($"format named {drive.DriveFormat.Length > 0}, type known {drive.DriveType is DriveType.Fixed or DriveType.Ram}");
    Expect<DriveNotFoundException>("size of a missing drive", () => _ = new DriveInfo(Path.Combine(root, "nowhere")).TotalSize);
    Console.WriteLine($"type of a missing drive: {new DriveInfo(Path.Combine(root, "nowhere")).DriveType}");
});

// The PAL's entry points called directly with arguments CoreLib never passes: the errno must be Linux's.
Step("hostile arguments", () =>
{
    File.WriteAllText("plain.txt", "x");
    nint watches = Native.INotifyInit();
    Console.WriteLine($"inotify descriptor {watches >= 0}");
    Errno("watch a null path", Native.INotifyAddWatch(watches, null, 2));
    Errno("watch with no known bit", Native.INotifyAddWatch(watches, root, 0x0800_0000));
    Errno("watch a file as a directory", Native.INotifyAddWatch(watches, "plain.txt", 0x0100_0002));
    Errno("watch a missing path", Native.INotifyAddWatch(watches, "missing", 2));
    Errno("watch through a closed descriptor", Native.INotifyAddWatch(-1, root, 2));
    Errno("watch through standard output", Native.INotifyAddWatch(1, root, 2));
    Errno("both mask add and mask create", Native.INotifyAddWatch(watches, root, 0x3000_0002));
    int wd = Native.INotifyAddWatch(watches, root, 0x100);
    Console.WriteLine($"watch {wd}, again {Native.INotifyAddWatch(watches, root, 0x2000_0200)}");
    Errno("mask create on a watched directory", Native.INotifyAddWatch(watches, root, 0x1000_0100));
    Errno("remove an unknown watch", Native.INotifyRemoveWatch(watches, wd + 100));
    File.WriteAllText("new.txt", "");
    Errno("read into 8 bytes", Native.Read(watches, new byte[8], 8));
    var buffer = new byte[64];
    Console.WriteLine($"read an event: {Native.Read(watches, buffer, buffer.Length)} bytes, mask {BitConverter.ToUInt32(buffer, 4):x}, name length {BitConverter.ToUInt32(buffer, 12)}");
    Console.WriteLine($"remove the watch {Native.INotifyRemoveWatch(watches, wd)}, then read {Native.Read(watches, buffer, buffer.Length)} bytes, mask {BitConverter.ToUInt32(buffer, 4):x}");
    Errno("write to it", Native.Write(watches, buffer, 4));
    Native.Close(watches);

    using var handle = File.OpenHandle("plain.txt", FileMode.Open, FileAccess.ReadWrite);
    nint fd = handle.DangerousGetHandle();
    Errno("preadv of -1 vectors", Native.PReadV(fd, [], -1, 0));
    Errno("preadv of 1025 vectors", Native.PReadV(fd, new Native.IOVector[1025], 1025, 0));
    Errno("preadv without vectors", Native.PReadV(fd, null, 1, 0));
    Errno("preadv at a negative offset", Native.PReadV(fd, [], 0, -1));
    Errno("preadv into no memory", Native.PReadV(fd, [new Native.IOVector { Base = 0, Count = 4 }], 1, 0));
    Errno("preadv of a closed descriptor", Native.PReadV(-1, [], 0, 0));
    Console.WriteLine($"preadv of no vectors: {Native.PReadV(fd, [], 0, 0)}");
    Errno("pwritev without vectors", Native.PWriteV(fd, null, 1, 0));
    Errno("realpath of nothing", Native.RealPath(null) == 0 ? -1 : 0);
    Errno("realpath of an empty path", Native.RealPath("") == 0 ? -1 : 0);
    Errno("realpath through a file", Native.RealPath("plain.txt/x") == 0 ? -1 : 0);
    Console.WriteLine($"pathconf NAME_MAX {Native.PathConf(root, 4)}, PATH_MAX {Native.PathConf(root, 5)}, PIPE_BUF {Native.PathConf(root, 6)}, NO_TRUNC {Native.PathConf(root, 8)}");
    Errno("pathconf of an unknown name", Native.PathConf(root, 99));
    Errno("pathconf of a missing path", Native.PathConf("missing", 4));
    Errno("lchflags", Native.LChflags("plain.txt", 0));
    Errno("fchflags", Native.FChflags(fd, 0));
    Errno("mknod of a directory", Native.MkNod("nod", 0x41ED, 0, 0));
    Errno("mknod of an unknown type", Native.MkNod("nod", 0xE1A4, 0, 0));
    Console.WriteLine($"mknod of a regular file {Native.MkNod("nod", 0x81A4, 0, 0)}, is a file {File.Exists("nod")}");
});

Step("directories", () =>
{
    Directory.CreateDirectory(Path.Combine("d", "e", "f"));
    File.WriteAllText(Path.Combine("d", "one.txt"), "1");
    File.WriteAllText(Path.Combine("d", "two.log"), "22");
    File.WriteAllText(Path.Combine("d", "e", "three.txt"), "333");
    File.WriteAllText(Path.Combine("d", "e", "f", "four.TXT"), "4444");
    Console.WriteLine($"*.txt: {List(Directory.EnumerateFiles("d", "*.txt"))}");
    Console.WriteLine($"*.txt recursive: {List(Directory.EnumerateFiles("d", "*.txt", SearchOption.AllDirectories))}");
    Console.WriteLine($"case-insensitive: {List(Directory.EnumerateFiles("d", "*.txt", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive }))}");
    Console.WriteLine($"directories: {List(Directory.EnumerateDirectories("d", "*", SearchOption.AllDirectories))}");
    Console.WriteLine($"entries t*: {List(Directory.GetFileSystemEntries("d", "t*"))}");
    Console.WriteLine($"entries ?ne.*: {List(Directory.GetFileSystemEntries("d", "?ne.*"))}");
    var info = new DirectoryInfo("d");
    Console.WriteLine($"infos: {List(info.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(i => $"{i.Name}:{(i is FileInfo f ? f.Length : -1)}"))}");
    Console.WriteLine($"exists d/e {Directory.Exists(Path.Combine("d", "e"))}, file as directory {Directory.Exists(Path.Combine("d", "one.txt"))}");
    Expect<IOException>("delete a non-empty directory", () => Directory.Delete("d"));
    Directory.Move(Path.Combine("d", "e"), "moved-e");
    Console.WriteLine($"moved directory: {List(Directory.EnumerateFiles("moved-e", "*", SearchOption.AllDirectories))}");
    Directory.Delete("d", recursive: true);
    Directory.Delete("moved-e", recursive: true);
    Console.WriteLine($"after recursive delete: {Directory.Exists("d")} {Directory.Exists("moved-e")}");
    var temporary = Directory.CreateTempSubdirectory("sharprun-");
    Console.WriteLine($"temporary subdirectory exists {temporary.Exists}");
    temporary.Delete();
});

Step("move, copy, replace", () =>
{
    File.Move("a.txt", "moved.txt");
    Console.WriteLine($"moved: source {File.Exists("a.txt")} target {File.Exists("moved.txt")}");
    File.SetLastWriteTimeUtc("moved.txt", new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
    File.Copy("moved.txt", "copy.txt");
    Console.WriteLine($"copy equal {File.ReadAllText("copy.txt") == File.ReadAllText("moved.txt")}, keeps write time {File.GetLastWriteTimeUtc("copy.txt") == File.GetLastWriteTimeUtc("moved.txt")}");
    Expect<IOException>("copy onto an existing file", () => File.Copy("moved.txt", "copy.txt"));
    File.WriteAllText("other.txt", "other\n");
    File.Copy("other.txt", "copy.txt", overwrite: true);
    Console.WriteLine($"overwritten {Escape(File.ReadAllText("copy.txt"))}");
    Expect<IOException>("move onto an existing file", () => File.Move("other.txt", "copy.txt"));
    File.Move("other.txt", "copy.txt", overwrite: true);
    Console.WriteLine($"move with overwrite: source {File.Exists("other.txt")}");
    File.Replace("copy.txt", "moved.txt", "backup.txt");
    Console.WriteLine($"replaced {Escape(File.ReadAllText("moved.txt"))}, backup {Escape(File.ReadAllText("backup.txt"))}, source {File.Exists("copy.txt")}");
});

Step("attributes and times", () =>
{
    var info = new FileInfo("moved.txt");
    Console.WriteLine($"length {info.Length} attributes {info.Attributes}");
    var when = new DateTime(2020, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc).AddTicks(4567);
    info.LastWriteTimeUtc = when;
    info.LastAccessTimeUtc = when.AddDays(1);
    info.Refresh();
    Console.WriteLine($"last write {info.LastWriteTimeUtc:O}");
    Console.WriteLine($"last access {info.LastAccessTimeUtc:O}");
    info.IsReadOnly = true;
    info.Refresh();
    Console.WriteLine($"read-only {info.IsReadOnly} attributes {info.Attributes}");
    File.AppendAllText("moved.txt", "root may\n");
    Console.WriteLine($"root writes a read-only file: length {new FileInfo("moved.txt").Length}");
    info.IsReadOnly = false;
    File.SetUnixFileMode("moved.txt", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    Console.WriteLine($"mode {File.GetUnixFileMode("moved.txt")}");
    File.WriteAllText(".hidden", "");
    Console.WriteLine($"hidden {new FileInfo(".hidden").Attributes}");
    Directory.CreateDirectory("somedir");
    Console.WriteLine($"directory {new DirectoryInfo("somedir").Attributes}");
    Console.WriteLine($"missing exists {new FileInfo("missing.txt").Exists}, length throws {Throws<FileNotFoundException>(() => _ = new FileInfo("missing.txt").Length)}");
});

Step("links", () =>
{
    var link = File.CreateSymbolicLink("link.txt", "moved.txt");
    Console.WriteLine($"link target {link.LinkTarget}, resolved {link.ResolveLinkTarget(returnFinalTarget: true)?.Name}");
    Console.WriteLine($"through the link {File.ReadAllLines("link.txt").Length} lines, attributes {new FileInfo("link.txt").Attributes}");
    File.CreateSymbolicLink("chain.txt", "link.txt");
    Console.WriteLine($"chain final target {File.ResolveLinkTarget("chain.txt", returnFinalTarget: true)?.Name}, first {File.ResolveLinkTarget("chain.txt", returnFinalTarget: false)?.Name}");
    Directory.CreateSymbolicLink("dirlink", "somedir");
    File.WriteAllText(Path.Combine("dirlink", "inside.txt"), "in");
    Console.WriteLine($"through a directory link: {List(Directory.EnumerateFiles("somedir"))}");
    File.CreateSymbolicLink("dangling", "nowhere");
    Console.WriteLine($"dangling: exists {File.Exists("dangling")}, link target {new FileInfo("dangling").LinkTarget}");
    File.Delete("dangling");
    Console.WriteLine($"plain file has no target: {new FileInfo("moved.txt").LinkTarget is null}");
});

Step("temporary files", () =>
{
    string name = Path.GetTempFileName();
    Console.WriteLine($"in the temp folder {Path.GetDirectoryName(name) + "/" == Path.GetTempPath()}, exists {File.Exists(name)}, length {new FileInfo(name).Length}");
    File.Delete(name);
    Console.WriteLine($"deleted {!File.Exists(name)}");
});

Step("sharing", () =>
{
    using (var exclusive = new FileStream("moved.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        Expect<IOException>("open a file held with FileShare.None", () => new FileStream("moved.txt", FileMode.Open, FileAccess.Read, FileShare.Read).Dispose());
    using var shared = new FileStream("moved.txt", FileMode.Open, FileAccess.Read, FileShare.Read);
    using var second = new FileStream("moved.txt", FileMode.Open, FileAccess.Read, FileShare.Read);
    Console.WriteLine($"two readers share it: {shared.Length == second.Length}");
    shared.Lock(0, 4);
    shared.Unlock(0, 4);
    Console.WriteLine("region lock and unlock");
});

Step("errors", () =>
{
    Expect<FileNotFoundException>("read a missing file", () => File.ReadAllText("missing.txt"));
    Expect<DirectoryNotFoundException>("read in a missing directory", () => File.ReadAllText(Path.Combine("nodir", "x.txt")));
    Expect<DirectoryNotFoundException>("enumerate a missing directory", () => Directory.GetFiles("nodir"));
    Expect<IOException>("CreateNew on an existing file", () => new FileStream("moved.txt", FileMode.CreateNew).Dispose());
    Expect<UnauthorizedAccessException>("write to a directory", () => File.WriteAllText("somedir", "x"));
    Expect<IOException>("create a directory over a file", () => Directory.CreateDirectory("moved.txt"));
    Expect<FileNotFoundException>("move a missing file", () => File.Move("missing.txt", "x.txt"));
    Expect<DirectoryNotFoundException>("delete a missing directory", () => Directory.Delete("nodir"));
    File.Delete("missing.txt");
    Console.WriteLine("deleting a missing file is no error");
});

Directory.SetCurrentDirectory(Path.GetDirectoryName(root)!);
Directory.Delete(root, recursive: true);
Console.WriteLine($"cleaned up {!Directory.Exists(root)}");
return 0;

static void Step(string name, Action action)
{
    Console.WriteLine($"== {name}");
    try
    {
        action();
    }
    catch (Exception e)
    {
        Console.WriteLine($"FAILED with {e.GetType().Name}: {e.Message}");
    }
}

// Does one thing in the watched folder and prints the events it raised, up to the one it must end with, or that it
// never came; then what follows within a quiet second. An event repeated is printed once: File.WriteAllText
// preallocates, then writes, and inotify merges the two IN_MODIFY only when the reader has not taken the first yet.
static void Watch(BlockingCollection<string> events, string what, Action action, string last)
{
    action();
    var seen = new List<string>();
    while (!seen.Contains(last))
    {
        if (!events.TryTake(out string? next, TimeSpan.FromSeconds(30)))
        {
            seen.Add($"(no {last})");
            break;
        }
        if (seen.Count == 0 || seen[^1] != next)
            seen.Add(next);
    }
    while (events.TryTake(out string? later, TimeSpan.FromSeconds(1)))
    {
        if (seen[^1] != later)
            seen.Add(later);
    }
    Console.WriteLine($"{what}: {string.Join(", ", seen)}");
}

static void Expect<T>(string what, Action action) where T : Exception =>
    Console.WriteLine($"{what}: {(Throws<T>(action) ? typeof(T).Name : "no exception")}");

static bool Throws<T>(Action action) where T : Exception
{
    try
    {
        action();
        return false;
    }
    catch (T e) when (e.GetType() == typeof(T))
    {
        return true;
    }
    catch (Exception e)
    {
        Console.WriteLine($"  unexpected {e.GetType().Name}: {e.Message}");
        return false;
    }
}

// -1 with errno is what the PAL answers for a failure; the errno is printed by name so both sides read the same.
static void Errno(string what, long result) =>
    Console.WriteLine($"{what}: {(result == -1 ? $"errno {Marshal.GetLastPInvokeError()}" : $"returned {result}")}");

static string List(IEnumerable<string> paths) => string.Join(" ", paths.Select(p => p.Replace('\\', '/')).Order(StringComparer.Ordinal));

static string Escape(string text) => text.Replace("\n", "\\n");

/// <summary>libSystem.Native's entry points, called as CoreLib calls them (the guest's kernel exports the same names).</summary>
static class Native
{
    public struct IOVector
    {
        public nint Base;
        public nuint Count;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_INotifyInit", SetLastError = true)]
    public static extern nint INotifyInit();

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_INotifyAddWatch", SetLastError = true)]
    public static extern int INotifyAddWatch(nint fd, string? path, uint mask);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_INotifyRemoveWatch", SetLastError = true)]
    public static extern int INotifyRemoveWatch(nint fd, int wd);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Read", SetLastError = true)]
    public static extern int Read(nint fd, byte[] buffer, int count);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Write", SetLastError = true)]
    public static extern int Write(nint fd, byte[] buffer, int count);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Close", SetLastError = true)]
    public static extern int Close(nint fd);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_PReadV", SetLastError = true)]
    public static extern long PReadV(nint fd, IOVector[]? vectors, int count, long offset);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_PWriteV", SetLastError = true)]
    public static extern long PWriteV(nint fd, IOVector[]? vectors, int count, long offset);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_RealPath", SetLastError = true)]
    public static extern nint RealPath(string? path);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_PathConf", SetLastError = true)]
    public static extern long PathConf(string path, int name);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LChflags", SetLastError = true)]
    public static extern int LChflags(string path, uint flags);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FChflags", SetLastError = true)]
    public static extern int FChflags(nint fd, uint flags);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_MkNod", SetLastError = true)]
    public static extern int MkNod(string path, uint mode, uint major, uint minor);
}
