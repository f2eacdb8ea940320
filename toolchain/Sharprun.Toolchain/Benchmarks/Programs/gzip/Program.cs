// gzip throughput for `sharprun bench`, timed by the program itself (Stopwatch) and printed as
// "bench: <figure> <number>" lines: MB/s (10^6 bytes of uncompressed data per second) of GZipStream compressing
// and decompressing mixed text at the default level. The same program runs in a Sharprun image and, compiled with
// NativeAOT, in a Linux guest; both run the runtime pack's zlib-ng.
//   gzip MIB ROUNDS   (MiB of text, timed rounds; the best round counts)
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: gzip MIB ROUNDS");
    return 2;
}
int mebibytes = int.Parse(args[0], CultureInfo.InvariantCulture);
int rounds = int.Parse(args[1], CultureInfo.InvariantCulture);
byte[] text = MixedText(mebibytes << 20);

// An untimed round first, so one-time costs (zlib-ng's CPU feature probe, first allocations) stay out.
byte[] compressed = Compress(text);
Decompress(compressed, text.Length);

double bestCompress = double.MaxValue, bestDecompress = double.MaxValue;
for (int round = 0; round < rounds; round++)
{
    var clock = Stopwatch.StartNew();
    compressed = Compress(text);
    bestCompress = Math.Min(bestCompress, clock.Elapsed.TotalSeconds);
    clock.Restart();
    byte[] restored = Decompress(compressed, text.Length);
    bestDecompress = Math.Min(bestDecompress, clock.Elapsed.TotalSeconds);
    if (!restored.AsSpan().SequenceEqual(text))
    {
        Console.Error.WriteLine("gzip: round trip mismatch");
        return 1;
    }
}
Print("gzip-ratio", (double)compressed.Length / text.Length);
Print("gzip-compress-mbps", text.Length / 1e6 / bestCompress);
Print("gzip-decompress-mbps", text.Length / 1e6 / bestDecompress);
return 0;

static void Print(string name, double value) =>
    Console.WriteLine($"bench: {name} {value.ToString("0.000", CultureInfo.InvariantCulture)}");

static byte[] Compress(byte[] input)
{
    var output = new MemoryStream(input.Length / 3);
    using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        gzip.Write(input);
    return output.ToArray();
}

static byte[] Decompress(byte[] input, int length)
{
    byte[] output = new byte[length];
    using var gzip = new GZipStream(new MemoryStream(input), CompressionMode.Decompress);
    gzip.ReadExactly(output);
    return output;
}

static byte[] MixedText(int length)
{
    // Deterministic words, numbers and line breaks: compresses about 3-4:1, like logs or markup.
    string[] words = ["unikernel", "sharprun", "compression", "deflate", "window", "huffman", "the", "a", "of", "and", "stream", "block", "literal", "match", "request", "response"];
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
