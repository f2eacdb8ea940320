using System.IO.Compression;
using System.Text;

// Compression in the guest: zlib-ng (Deflate, GZip, ZLib), Brotli and ZIP from the runtime pack's own native
// archives. Every compressed size and a hash of the compressed bytes is printed: the guest runs the same native code
// as the NativeAOT linux-x64 build, so the host's output must be identical. "interop" also decompresses data made by
// Linux's gzip and prints the guest's own gzip and Brotli output in base64 for the host to decompress.
return args.FirstOrDefault() switch
{
    "interop" => Interop(),
    _ => All(),
};

static int All()
{
    byte[] text = MixedText(96 * 1024);
    Console.WriteLine($"input {text.Length} bytes, fnv {Fnv(text):x16}");
    foreach (var level in new[] { CompressionLevel.Optimal, CompressionLevel.Fastest, CompressionLevel.NoCompression, CompressionLevel.SmallestSize })
    {
        Report($"deflate {level}", text, s => new DeflateStream(s, level, leaveOpen: true), s => new DeflateStream(s, CompressionMode.Decompress));
        Report($"gzip {level}", text, s => new GZipStream(s, level, leaveOpen: true), s => new GZipStream(s, CompressionMode.Decompress));
        Report($"zlib {level}", text, s => new ZLibStream(s, level, leaveOpen: true), s => new ZLibStream(s, CompressionMode.Decompress));
        Report($"brotli-stream {level}", text, s => new BrotliStream(s, level, leaveOpen: true), s => new BrotliStream(s, CompressionMode.Decompress));
    }
    foreach (var strategy in Enum.GetValues<ZLibCompressionStrategy>())
        foreach (int level in new[] { 1, 6, 9 })
        {
            var options = new ZLibCompressionOptions { CompressionLevel = level, CompressionStrategy = strategy };
            Report($"zlib-options {level} {strategy}", text, s => new ZLibStream(s, options, leaveOpen: true), s => new ZLibStream(s, CompressionMode.Decompress));
        }
    foreach (int quality in new[] { 0, 4, 11 })
    {
        var options = new BrotliCompressionOptions { Quality = quality };
        Report($"brotli-options {quality}", text, s => new BrotliStream(s, options, leaveOpen: true), s => new BrotliStream(s, CompressionMode.Decompress));
    }
    foreach (var (quality, window) in new[] { (0, 10), (5, 16), (9, 22), (11, 24) })
        BrotliOneShot(text, quality, window);
    Zip(text);
    Console.WriteLine($"crc32 check: {ZipCrc(text):x8}");
    return 0;
}

static void Report(string name, byte[] input, Func<Stream, Stream> compressor, Func<Stream, Stream> decompressor)
{
    var compressed = new MemoryStream();
    using (var stream = compressor(compressed))
    {
        // Written in uneven pieces, so the stream's buffering and the codec's flushes both take part.
        for (int at = 0; at < input.Length; at += 7919)
            stream.Write(input, at, Math.Min(7919, input.Length - at));
    }
    byte[] bytes = compressed.ToArray();
    var restored = new MemoryStream();
    using (var stream = decompressor(new MemoryStream(bytes)))
        stream.CopyTo(restored);
    bool same = restored.ToArray().AsSpan().SequenceEqual(input);
    Console.WriteLine($"{name}: {bytes.Length} bytes, fnv {Fnv(bytes):x16}, round trip {(same ? "ok" : "MISMATCH")}");
}

static void BrotliOneShot(byte[] input, int quality, int window)
{
    byte[] output = new byte[BrotliEncoder.GetMaxCompressedLength(input.Length)];
    bool compressed = BrotliEncoder.TryCompress(input, output, out int written, quality, window);
    byte[] restored = new byte[input.Length];
    bool decompressed = BrotliDecoder.TryDecompress(output.AsSpan(0, written), restored, out int restoredLength);
    bool same = decompressed && restored.AsSpan(0, restoredLength).SequenceEqual(input);
    Console.WriteLine($"brotli q{quality} w{window}: compressed {compressed}, {written} bytes, fnv {Fnv(output.AsSpan(0, written)):x16}, round trip {(same ? "ok" : "MISMATCH")}");

    // The streaming encoder, driven by hand: small output buffers make it report DestinationTooSmall and resume.
    using var encoder = new BrotliEncoder(quality, window);
    var stream = new MemoryStream();
    byte[] chunk = new byte[1000];
    ReadOnlySpan<byte> source = input;
    while (true)
    {
        var status = encoder.Compress(source, chunk, out int consumed, out int produced, isFinalBlock: true);
        stream.Write(chunk, 0, produced);
        source = source.Slice(consumed);
        if (status == System.Buffers.OperationStatus.Done)
            break;
        if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            throw new InvalidOperationException($"BrotliEncoder.Compress: {status}");
    }
    Console.WriteLine($"brotli encoder q{quality} w{window}: {stream.Length} bytes, fnv {Fnv(stream.ToArray()):x16}");
}

static void Zip(byte[] text)
{
    var archive = new MemoryStream();
    using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
    {
        Add(zip, "readme.txt", Encoding.UTF8.GetBytes("Sharprun zip entry\n"), CompressionLevel.Optimal);
        Add(zip, "data/text.txt", text, CompressionLevel.SmallestSize);
        Add(zip, "data/stored.bin", text.AsSpan(0, 4096).ToArray(), CompressionLevel.NoCompression);
        Add(zip, "empty", [], CompressionLevel.Fastest);
    }
    Console.WriteLine($"zip archive: {archive.Length} bytes");
    archive.Position = 0;
    using var read = new ZipArchive(archive, ZipArchiveMode.Read);
    foreach (var entry in read.Entries)
    {
        var content = new MemoryStream();
        using (var stream = entry.Open())
            stream.CopyTo(content);
        bool crcMatches = ZipCrc(content.ToArray()) == entry.Crc32;
        Console.WriteLine($"zip entry {entry.FullName}: {entry.Length} bytes, {entry.CompressedLength} compressed, crc {entry.Crc32:x8} ({(crcMatches ? "ok" : "MISMATCH")}), fnv {Fnv(content.ToArray()):x16}");
    }
}

static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
{
    var entry = zip.CreateEntry(name, level);
    // A fixed time: entries otherwise carry the current one, and the host's run must print the same bytes.
    entry.LastWriteTime = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    using var stream = entry.Open();
    stream.Write(content);
}

static int Interop()
{
    using (var resource = typeof(Program).Assembly.GetManifestResourceStream("interop.txt.gz")!)
    using (var gzip = new GZipStream(resource, CompressionMode.Decompress))
    using (var reader = new StreamReader(gzip, Encoding.UTF8))
    {
        string text = reader.ReadToEnd();
        Console.WriteLine($"from gzip: {text.Length} chars, fnv {Fnv(Encoding.UTF8.GetBytes(text)):x16}");
        Console.Write(text);
    }
    byte[] message = Encoding.UTF8.GetBytes(InteropText());
    var gzipped = new MemoryStream();
    using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        gzip.Write(message);
    Console.WriteLine("gzip base64: " + Convert.ToBase64String(gzipped.ToArray()));
    byte[] brotli = new byte[BrotliEncoder.GetMaxCompressedLength(message.Length)];
    BrotliEncoder.TryCompress(message, brotli, out int written, 11, 22);
    Console.WriteLine("brotli base64: " + Convert.ToBase64String(brotli, 0, written));
    return 0;
}

// The text the guest compresses for the host to decompress (the host test knows it too).
static string InteropText() => string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}: the quick brown fox jumps over the lazy dog {i * i}\n"));

static byte[] MixedText(int length)
{
    // Deterministic text with words, numbers and some noise: compressible, but not trivially.
    string[] words = ["unikernel", "sharprun", "compression", "deflate", "brotli", "zlib", "window", "huffman", "the", "a", "of", "and", "stream", "block", "literal", "match"];
    var builder = new StringBuilder(length + 64);
    uint state = 2463534242;
    while (builder.Length < length)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        builder.Append(words[state % (uint)words.Length]);
        builder.Append((state >> 8) % 11 == 0 ? $" {state % 100000} " : (state >> 12) % 17 == 0 ? ".\n" : " ");
    }
    return Encoding.ASCII.GetBytes(builder.ToString(0, length));
}

static uint ZipCrc(byte[] data)
{
    // CRC-32 (IEEE, reflected), computed here so the check does not depend on the code under test.
    uint crc = 0xFFFFFFFF;
    foreach (byte b in data)
    {
        crc ^= b;
        for (int i = 0; i < 8; i++)
            crc = (crc >> 1) ^ (0xEDB88320 & (uint)-(int)(crc & 1));
    }
    return ~crc;
}

static ulong Fnv(ReadOnlySpan<byte> data)
{
    ulong hash = 14695981039346656037;
    foreach (byte b in data)
        hash = (hash ^ b) * 1099511628211;
    return hash;
}
