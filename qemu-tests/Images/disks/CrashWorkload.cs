using System.Text;

/// <summary>
/// "crash ROOT": creates, writes, appends, overwrites, truncates, renames and deletes files under ROOT/crash, some of
/// them fsync'd, for the crash-consistency test, which replays the write log QEMU kept of the disk. What it prints
/// are that test's facts, paths relative to ROOT:
/// "change PATH" before PATH, fsync'd earlier, is written, moved, replaced or deleted;
/// "durable PATH LENGTH HASH" once an fsync of PATH has returned (FNV-1a of what it holds);
/// "step N" once the marker file (its first sector "sharprun-crash-step N", which the test finds in the log) is fsync'd.
/// The last step fsyncs nothing: its work is left to the background writeback and the unmount at exit.
/// About 3 MiB of writes.
/// </summary>
internal sealed class CrashWorkload(string root)
{
    private const string Folder = "crash";
    private const string MarkerPrefix = "sharprun-crash-step ";
    private const int MarkerBytes = 512;
    private int _step = -1;

    public void Run()
    {
        Directory.CreateDirectory(Full(Folder));
        NextStep();
        Create("crash/a.txt", Text("first words\n"), durable: true);
        Create("crash/b.bin", Pattern(200_000, 1), durable: true);
        Directory.CreateDirectory(Full("crash/notes"));
        Create("crash/notes/n1.txt", Text("a note\n"), durable: true);

        NextStep();
        Change("crash/a.txt");
        File.AppendAllText(Full("crash/a.txt"), "more words\n");
        Sync("crash/a.txt");
        Change("crash/b.bin");
        using (var stream = new FileStream(Full("crash/b.bin"), FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 50_000;
            stream.Write(Pattern(10_000, 2));
        }
        Sync("crash/b.bin");
        Directory.CreateDirectory(Full("crash/small"));
        for (int i = 0; i < 40; i++)
            Create($"crash/small/s{i:D2}", Text($"small file {i}\n"), durable: false);
        Sync("crash/small/s39");

        NextStep();
        Change("crash/a.txt");
        File.Move(Full("crash/a.txt"), Full("crash/a2.txt"));
        Sync("crash/a2.txt");
        for (int i = 0; i < 20; i++)
            File.Delete(Full($"crash/small/s{i:D2}"));
        Directory.CreateDirectory(Full("crash/deep/er"));
        Create("crash/deep/er/deepest.txt", Pattern(5_000, 5), durable: true);
        Change("crash/notes/n1.txt");
        File.Delete(Full("crash/notes/n1.txt"));
        Create("crash/c.txt", Text("version 1\n"), durable: true);

        NextStep();
        Change("crash/b.bin");
        using (var stream = new FileStream(Full("crash/b.bin"), FileMode.Open, FileAccess.ReadWrite))
            stream.SetLength(30_000);
        Sync("crash/b.bin");
        Create("crash/big.bin", Pattern(1_200_000, 3), durable: true);
        Change("crash/a2.txt");
        File.WriteAllText(Full("crash/a2.txt"), "rewritten\n");
        Sync("crash/a2.txt");

        NextStep();
        // Replacing by rename, the way programs update a file atomically.
        Create("crash/c.txt.tmp", Text("version 2, longer than the first\n"), durable: true);
        Change("crash/c.txt.tmp");
        Change("crash/c.txt");
        File.Move(Full("crash/c.txt.tmp"), Full("crash/c.txt"), overwrite: true);
        Sync("crash/c.txt");

        NextStep();
        // The blocks big.bin frees go to the next file.
        Change("crash/big.bin");
        File.Delete(Full("crash/big.bin"));
        Create("crash/big2.bin", Pattern(900_000, 4), durable: true);
        Change("crash/small/s39");
        File.WriteAllText(Full("crash/small/s39"), "SMALL FILE 39\n");
        Sync("crash/small/s39");

        NextStep();
        Change("crash/a2.txt");
        File.AppendAllText(Full("crash/a2.txt"), "never fsync'd\n");
        Create("crash/e.bin", Pattern(300_000, 6), durable: false);
        Change("crash/b.bin");
        File.AppendAllText(Full("crash/b.bin"), "tail");
        Change("crash/deep/er/deepest.txt");
        File.Delete(Full("crash/deep/er/deepest.txt"));
        Change("crash/small/s39");
        File.Move(Full("crash/small/s39"), Full("crash/small/s39-moved"));
        for (int i = 0; i < 30; i++)
            Create($"crash/small/t{i:D2}", Text($"late file {i}\n"), durable: false);
    }

    /// <summary>Overwrites the marker's first sector with the next step's number and fsyncs it.</summary>
    private void NextStep()
    {
        _step++;
        const string Marker = "crash/marker";
        var content = new byte[MarkerBytes];
        content.AsSpan().Fill((byte)'.');
        Encoding.ASCII.GetBytes($"{MarkerPrefix}{_step:D8}\n").CopyTo(content, 0);
        if (_step > 0)
            Change(Marker);
        using (var stream = new FileStream(Full(Marker), FileMode.OpenOrCreate, FileAccess.Write))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        Console.WriteLine($"durable {Marker} {content.Length} {Hash(content):x16}");
        Console.WriteLine($"step {_step}");
    }

    private void Create(string path, byte[] content, bool durable)
    {
        using (var stream = new FileStream(Full(path), FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(content);
            if (!durable)
                return;
            stream.Flush(flushToDisk: true);
        }
        Report(path);
    }

    /// <summary>fsync of a file as it stands (through a new descriptor, as a program that did not write it would).</summary>
    private void Sync(string path)
    {
        using (var stream = new FileStream(Full(path), FileMode.Open, FileAccess.ReadWrite))
            stream.Flush(flushToDisk: true);
        Report(path);
    }

    private void Report(string path)
    {
        byte[] content = File.ReadAllBytes(Full(path));
        Console.WriteLine($"durable {path} {content.Length} {Hash(content):x16}");
    }

    private static void Change(string path) => Console.WriteLine($"change {path}");

    private string Full(string path) => Path.Combine(root, path);

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Seeded, so every run writes the same bytes.</summary>
    private static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>FNV-1a, as the test computes it over what debugfs reads back.</summary>
    private static ulong Hash(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data)
            hash = (hash ^ b) * 1099511628211;
        return hash;
    }
}
