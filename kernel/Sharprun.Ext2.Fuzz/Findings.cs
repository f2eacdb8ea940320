using System.IO.Compression;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// Where images that threw, hung or killed the process are saved: the image gzip-compressed (mostly empty, a seed's
/// 1–2 MiB pack to about 130 KiB) and a note with the stack trace. One bug is saved once, by the signature the caller gives.
/// </summary>
public sealed class Findings(string directory)
{
    private readonly HashSet<string> _signatures = [];

    public string Directory { get; } = directory;

    public int Saved { get; private set; }

    /// <summary>Saves the case unless its signature was seen; the path saved to, or null.</summary>
    public string? Save(string kind, string signature, FuzzCase fuzzCase, string description)
    {
        lock (_signatures)
        {
            if (!_signatures.Add(signature))
            {
                return null;
            }
            System.IO.Directory.CreateDirectory(Directory);
            var path = Path.Combine(Directory, $"{kind}-{fuzzCase.Seed.Name}-{fuzzCase.Index}.img.gz");
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
            {
                gzip.Write(fuzzCase.Image);
            }
            var note = $"{kind}: image {fuzzCase.Index} (seed {fuzzCase.Seed.Name}){Environment.NewLine}{description}{Environment.NewLine}";
            File.WriteAllText(Path.ChangeExtension(path, null) + ".txt", note);
            Saved++;
            return path;
        }
    }

    /// <summary>An image file as saved here (gzip) or a plain one.</summary>
    public static byte[] Load(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
