using System.Text;

// Ordinary file work in a fresh folder under args[0] (/tmp in the guest, a temporary folder on the host). Prints
// facts only — no times of day, random names or absolute paths — so the guest's output equals the host's.
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

static string List(IEnumerable<string> paths) => string.Join(" ", paths.Select(p => p.Replace('\\', '/')).Order(StringComparer.Ordinal));

static string Escape(string text) => text.Replace("\n", "\\n");
