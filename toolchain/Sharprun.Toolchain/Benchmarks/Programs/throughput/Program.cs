// Throughput of the BCL's cryptography and compression, timed by the guest's own Stopwatch: SHA-256 and AES-GCM
// over an in-memory buffer, gzip compression and decompression of mixed text. Prints "bench: <name> <seconds>" lines
// for the throughput benchmark; argument: the buffer size in MiB.
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

int mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 16;
byte[] data = Text(mebibytes << 20);

Report("sha256-seconds", data.Length, () => SHA256.HashData(data));

byte[] key = new byte[32], nonce = new byte[12], tag = new byte[16], sealedBytes = new byte[data.Length];
using (var gcm = new AesGcm(key, tagSizeInBytes: 16))
    Report("aes-gcm-seconds", data.Length, () => gcm.Encrypt(nonce, data, sealedBytes, tag));

var compressed = new MemoryStream();
Report("gzip-compress-seconds", data.Length, () =>
{
    using var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true);
    gzip.Write(data);
});
byte[] packed = compressed.ToArray();
byte[] unpacked = new byte[data.Length];
Report("gzip-decompress-seconds", data.Length, () =>
{
    using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
    gzip.ReadExactly(unpacked);
});
if (!unpacked.AsSpan().SequenceEqual(data))
    throw new InvalidOperationException("gzip did not give back what it compressed");
Console.WriteLine($"compressed {data.Length} bytes to {packed.Length}");

static void Report(string name, int bytes, Action work)
{
    var clock = Stopwatch.StartNew();
    work();
    double seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {name} {seconds:0.00000}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.Replace("-seconds", "")}: {bytes / seconds / 1e6:0.0} MB/s"));
}

// Log-like lines with numbers and repeated words: compressible the way real service data is, not trivially.
static byte[] Text(int length)
{
    var random = new Random(12345);
    string[] words = ["request", "response", "GET", "POST", "/api/v1/items", "200", "404", "latency", "ms", "user", "session", "cache", "miss", "hit"];
    var text = new StringBuilder(length + 256);
    while (text.Length < length)
    {
        text.Append(CultureInfo.InvariantCulture, $"{random.Next(1_000_000):D7} ");
        for (int i = 0; i < 8; i++)
            text.Append(words[random.Next(words.Length)]).Append(' ');
        text.Append(random.NextDouble().ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
    }
    return Encoding.ASCII.GetBytes(text.ToString(0, length));
}
