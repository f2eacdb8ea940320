// Disk throughput and latency through the ordinary file APIs, timed by the guest's own Stopwatch, for the disk
// benchmark. Each phase runs in a boot of its own on the same disk, so every phase starts with the guest's caches
// empty (Linux's page cache, Sharprun's block cache) and no phase reads what an earlier one left in memory:
//   write  DIR MIB                              sequential write of DIR/sequential.dat in 1 MiB writes, Flush(true) timed
//   read   DIR MIB                              sequential read of that file in 1 MiB reads, checking each MiB's stamp
//   random DIR MIB READS WRITES FSYNCS FILES    4 KiB reads, then 4 KiB writes and one Flush(true), at random aligned
//                                               offsets of that file; FSYNCS appends of 4 KiB to DIR/fsync.log, each
//                                               followed by Flush(true); FILES small files created, stat'ed, deleted
// Prints "bench: <name> <number>" lines.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

const int MiB = 1 << 20;
const int Block = 4096;
const int SmallFileBytes = 1024;
// A phase that takes longer than this under TCG stops early and reports how many operations it did.
var operationBudget = TimeSpan.FromSeconds(60);

string phase = args[0];
string directory = args[1];
int mebibytes = Number(args[2]);
string path = Path.Combine(directory, "sequential.dat");

switch (phase)
{
    case "write":
        SequentialWrite();
        break;
    case "read":
        SequentialRead();
        break;
    case "random":
        RandomReads(Number(args[3]));
        RandomWrites(Number(args[4]));
        FsyncLatency(Number(args[5]));
        SmallFiles(Number(args[6]));
        break;
    default:
        throw new ArgumentException($"unknown phase '{phase}': write, read or random");
}

void SequentialWrite()
{
    byte[] buffer = new byte[MiB];
    new Random(20261203).NextBytes(buffer);
    var clock = Stopwatch.StartNew();
    // bufferSize 0: the 1 MiB writes go to the file system as they are, not through FileStream's own buffer.
    using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
    {
        for (int i = 0; i < mebibytes; i++)
        {
            Stamp(buffer, i);
            stream.Write(buffer);
        }
        stream.Flush(flushToDisk: true);
    }
    Report("seq-write-seconds", clock.Elapsed.TotalSeconds);
    Console.WriteLine(Invariant($"sequential write: {mebibytes * (double)MiB / clock.Elapsed.TotalSeconds / 1e6:0.0} MB/s"));
}

void SequentialRead()
{
    byte[] buffer = new byte[MiB];
    var clock = Stopwatch.StartNew();
    int read = 0;
    using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
    {
        while (true)
        {
            int count = stream.ReadAtLeast(buffer, MiB, throwOnEndOfStream: false);
            if (count == 0)
                break;
            if (count != MiB || BitConverter.ToInt64(buffer) != read)
                throw new InvalidDataException($"MiB {read} of {path} is not what the write phase wrote ({count} bytes)");
            read++;
        }
    }
    Report("seq-read-seconds", clock.Elapsed.TotalSeconds);
    if (read != mebibytes)
        throw new InvalidDataException($"{path} holds {read} MiB, expected {mebibytes}");
    Console.WriteLine(Invariant($"sequential read: {mebibytes * (double)MiB / clock.Elapsed.TotalSeconds / 1e6:0.0} MB/s"));
}

void RandomReads(int count)
{
    var random = new Random(1);
    byte[] buffer = new byte[Block];
    using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
    long blocks = RandomAccess.GetLength(file) / Block;
    var clock = Stopwatch.StartNew();
    int done = 0;
    while (done < count && clock.Elapsed < operationBudget)
    {
        if (RandomAccess.Read(file, buffer, random.NextInt64(blocks) * Block) != Block)
            throw new InvalidDataException("a 4 KiB read inside the file came back short");
        done++;
    }
    Report("random-read-count", done);
    Report("random-read-seconds", clock.Elapsed.TotalSeconds);
}

// The writes are timed with the Flush(true) that ends them: without it both guests would only be filling memory.
void RandomWrites(int count)
{
    var random = new Random(2);
    byte[] buffer = new byte[Block];
    random.NextBytes(buffer);
    using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
    SafeFileHandle file = stream.SafeFileHandle;
    long blocks = RandomAccess.GetLength(file) / Block;
    var clock = Stopwatch.StartNew();
    int done = 0;
    while (done < count && clock.Elapsed < operationBudget)
    {
        RandomAccess.Write(file, buffer, random.NextInt64(blocks) * Block);
        done++;
    }
    stream.Flush(flushToDisk: true);
    Report("random-write-count", done);
    Report("random-write-seconds", clock.Elapsed.TotalSeconds);
}

// A log's appends, each made durable before the next, as a database's write-ahead log does.
void FsyncLatency(int count)
{
    byte[] buffer = new byte[Block];
    new Random(3).NextBytes(buffer);
    using var stream = new FileStream(Path.Combine(directory, "fsync.log"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    var phaseClock = Stopwatch.StartNew();
    for (int i = 0; i < count && phaseClock.Elapsed < operationBudget; i++)
    {
        long start = Stopwatch.GetTimestamp();
        stream.Write(buffer);
        stream.Flush(flushToDisk: true);
        Report("fsync-us", Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }
}

// Create every file, then stat every file, then delete every file: one directory growing and emptying again.
void SmallFiles(int count)
{
    string folder = Path.Combine(directory, "small");
    Directory.CreateDirectory(folder);
    byte[] contents = new byte[SmallFileBytes];
    new Random(4).NextBytes(contents);
    var names = Enumerable.Range(0, count).Select(i => Path.Combine(folder, Invariant($"file-{i:D5}"))).ToArray();
    var clock = Stopwatch.StartNew();
    int created = 0;
    while (created < count && clock.Elapsed < operationBudget)
        File.WriteAllBytes(names[created++], contents);
    for (int i = 0; i < created; i++)
    {
        if (new FileInfo(names[i]).Length != SmallFileBytes)
            throw new InvalidDataException($"{names[i]} does not hold the {SmallFileBytes} bytes just written");
    }
    for (int i = 0; i < created; i++)
        File.Delete(names[i]);
    Report("small-file-count", created);
    Report("small-file-seconds", clock.Elapsed.TotalSeconds);
    if (Directory.EnumerateFileSystemEntries(folder).Any())
        throw new InvalidDataException($"{folder} is not empty after the deletes");
}

// The MiB's index in its first 8 bytes, so the read phase can tell each MiB came back from where it was written.
static void Stamp(byte[] buffer, long index) => BitConverter.TryWriteBytes(buffer, index);

static void Report(string name, double value) => Console.WriteLine(Invariant($"bench: {name} {value:0.000}"));

static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
