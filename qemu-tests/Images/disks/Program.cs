using System.Text;

// Work on a disk: "write ROOT" reads the seed tree Linux's tools put at ROOT/seed and writes ROOT/tree (sizes from
// 0 B to 12 MiB, appends, random access, truncation, renames, copies, 1500 small files, times, the read-only
// attribute, threads); "verify ROOT" lists ROOT/tree again (a second boot must find it as the first left it);
// "fill ROOT" writes until the disk is full; "crash ROOT" is the crash-consistency test's workload (CrashWorkload).
// Prints facts only — sizes, hashes, modes, the times it set — so the guest's output equals the host's for the same
// seed.
string mode = args.Length > 0 ? args[0] : "write";
string root = args.Length > 1 ? args[1] : Path.GetTempPath();
string tree = Path.Combine(root, "tree");

switch (mode)
{
    case "write":
        Console.WriteLine("== seed");
        List(Path.Combine(root, "seed"), withTimes: true);
        Write(tree);
        Console.WriteLine("== tree");
        List(tree, withTimes: false);
        break;
    case "verify":
        Console.WriteLine("== tree");
        List(tree, withTimes: false);
        break;
    case "fill":
        Fill(Path.Combine(root, "fill"));
        break;
    case "crash":
        new CrashWorkload(root).Run();
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}' (write, verify, fill, crash)");
        return 2;
}
return 0;

static void Write(string tree)
{
    if (Directory.Exists(tree))
        Directory.Delete(tree, recursive: true);
    Directory.CreateDirectory(tree);
    foreach (int size in new[] { 0, 1, 511, 512, 4097, 65539, (1 << 20) + 1, 12 << 20 })
        File.WriteAllBytes(Path.Combine(tree, $"size-{size}.bin"), Pattern(size, size));

    string log = Path.Combine(tree, "log.txt");
    for (int line = 0; line < 200; line++)
        File.AppendAllText(log, $"line {line}: {new string('x', line % 37)}\n");

    using (var handle = File.OpenHandle(Path.Combine(tree, "sparse.bin"), FileMode.CreateNew, FileAccess.ReadWrite))
    {
        RandomAccess.Write(handle, "start"u8, 0);
        RandomAccess.Write(handle, Pattern(10_000, 7), 3 << 20);
        RandomAccess.Write(handle, "middle"u8, 1 << 20);
        var back = new byte[6];
        RandomAccess.Read(handle, back, 1 << 20);
        Console.WriteLine($"random access reads back '{Encoding.ASCII.GetString(back)}', length {RandomAccess.GetLength(handle)}");
    }

    string shrink = Path.Combine(tree, "shrink.bin");
    File.WriteAllBytes(shrink, Pattern(300_000, 3));
    using (var stream = new FileStream(shrink, FileMode.Open))
    {
        stream.SetLength(70_000);
        stream.SetLength(90_000);
    }

    File.WriteAllText(Path.Combine(tree, "old-name.txt"), "renamed\n");
    File.Move(Path.Combine(tree, "old-name.txt"), Path.Combine(tree, "new-name.txt"));
    Directory.CreateDirectory(Path.Combine(tree, "dir-a", "inner"));
    File.WriteAllText(Path.Combine(tree, "dir-a", "inner", "f.txt"), "inside\n");
    Directory.Move(Path.Combine(tree, "dir-a"), Path.Combine(tree, "dir-b"));
    File.Copy(Path.Combine(tree, $"size-{(1 << 20) + 1}.bin"), Path.Combine(tree, "copy.bin"));

    string many = Path.Combine(tree, "many");
    Directory.CreateDirectory(many);
    for (int i = 0; i < 1500; i++)
        File.WriteAllText(Path.Combine(many, $"f{i:D4}.txt"), $"{i}\n");
    long total = 0;
    for (int i = 0; i < 1500; i++)
        total += new FileInfo(Path.Combine(many, $"f{i:D4}.txt")).Length;
    for (int i = 0; i < 1500; i += 3)
        File.Delete(Path.Combine(many, $"f{i:D4}.txt"));
    Console.WriteLine($"1500 small files: {total} bytes, {Directory.GetFiles(many).Length} left after deleting every third");

    string stamped = Path.Combine(tree, "stamped.txt");
    File.WriteAllText(stamped, "times\n");
    File.SetLastWriteTimeUtc(stamped, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
    File.SetLastAccessTimeUtc(stamped, new DateTime(2002, 3, 4, 5, 6, 7, DateTimeKind.Utc));

    string locked = Path.Combine(tree, "read-only.txt");
    File.WriteAllText(locked, "read only\n");
    File.SetAttributes(locked, FileAttributes.ReadOnly);
    Console.WriteLine($"read-only attribute: {File.GetAttributes(locked)}");

    string temporary = Path.GetTempFileName();
    File.WriteAllText(temporary, "temporary\n");
    File.Copy(temporary, Path.Combine(tree, "from-temp.txt"));
    File.Delete(temporary);

    string durable = Path.Combine(tree, "durable.bin");
    using (var stream = new FileStream(durable, FileMode.CreateNew))
    {
        stream.Write(Pattern(50_000, 11));
        stream.Flush(flushToDisk: true);
    }

    WriteWithThreads(tree);
}

static void WriteWithThreads(string tree)
{
    const int Threads = 4, Chunk = 4096, Chunks = 64;
    string shared = Path.Combine(tree, "shared.bin");
    using var handle = File.OpenHandle(shared, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite);
    var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
    {
        using var own = new FileStream(Path.Combine(tree, $"thread-{t}.bin"), FileMode.CreateNew);
        for (int c = 0; c < Chunks; c++)
        {
            byte[] data = Pattern(Chunk, t * 1000 + c);
            own.Write(data);
            // Interleaved chunks of one file: chunk c of thread t lands at (c * Threads + t).
            RandomAccess.Write(handle, data, (long)(c * Threads + t) * Chunk);
        }
    })).ToList();
    workers.ForEach(worker => worker.Start());
    workers.ForEach(worker => worker.Join());
    Console.WriteLine($"{Threads} threads wrote their files and {RandomAccess.GetLength(handle)} bytes of one shared file");
}

static void Fill(string folder)
{
    Directory.CreateDirectory(folder);
    string big = Path.Combine(folder, "big.bin");
    long written = 0;
    try
    {
        using var stream = new FileStream(big, FileMode.Create);
        byte[] chunk = Pattern(1 << 20, 5);
        while (true)
        {
            stream.Write(chunk);
            stream.Flush(flushToDisk: true);
            written += chunk.Length;
        }
    }
    catch (IOException e)
    {
        Console.WriteLine($"full after at least {written >> 20} MiB: {e.GetType().Name}: {e.Message.Replace(folder, "FOLDER")} (HResult {e.HResult})");
    }
    try
    {
        File.WriteAllText(Path.Combine(folder, "small.txt"), new string('y', 100_000));
        Console.WriteLine("a small file while full: written");
    }
    catch (IOException e)
    {
        Console.WriteLine($"a small file while full: {e.GetType().Name}: {e.Message.Replace(folder, "FOLDER")}");
    }
    File.Delete(big);
    File.WriteAllText(Path.Combine(folder, "after.txt"), "room again\n");
    Console.WriteLine($"after deleting the big file: {File.ReadAllText(Path.Combine(folder, "after.txt")).Trim()}");
}

static void List(string folder, bool withTimes)
{
    var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
        .OrderBy(entry => entry.FullName, StringComparer.Ordinal);
    foreach (var entry in entries)
    {
        string name = Path.GetRelativePath(folder, entry.FullName);
        string modeText = Convert.ToString((int)entry.UnixFileMode, 8);
        string times = withTimes || entry.Name == "stamped.txt" ? $" mtime {entry.LastWriteTimeUtc:O}" : "";
        if (entry.LinkTarget is { } target)
            Console.WriteLine($"{name} -> {target}");
        else if (entry is DirectoryInfo)
            Console.WriteLine($"{name}/ mode {modeText}{times}");
        else
        {
            var file = (FileInfo)entry;
            Console.WriteLine($"{name} {file.Length} bytes mode {modeText} hash {Hash(file.FullName):x16}{times}{(file.IsReadOnly ? " read-only" : "")}");
        }
    }
}

/// <summary>FNV-1a over the file: enough to tell contents apart, with nothing but CoreLib.</summary>
static ulong Hash(string path)
{
    ulong hash = 14695981039346656037;
    using var stream = File.OpenRead(path);
    var buffer = new byte[65536];
    int read;
    while ((read = stream.Read(buffer)) > 0)
    {
        foreach (byte b in buffer.AsSpan(0, read))
            hash = (hash ^ b) * 1099511628211;
    }
    return hash;
}

static byte[] Pattern(int length, int seed)
{
    var data = new byte[length];
    uint state = (uint)seed * 2654435761u + 1;
    for (int i = 0; i < length; i++)
    {
        state = state * 1664525 + 1013904223;
        data[i] = (byte)(state >> 24);
    }
    return data;
}
