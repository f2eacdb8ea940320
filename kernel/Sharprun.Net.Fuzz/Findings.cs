using System.Security.Cryptography;

namespace Sharprun.Net.Fuzz;

/// <summary>Where the in-process fuzzer saves inputs that broke an invariant: one file per distinct input, with a note.</summary>
public sealed class Findings(string directory)
{
    public string Directory { get; } = directory;

    public int Saved { get; private set; }

    public string Save(string kind, byte[] input, string description)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string name = $"{kind}-{Convert.ToHexStringLower(SHA256.HashData(input))[..16]}";
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, input);
        File.WriteAllText(path + ".txt", description + Environment.NewLine);
        Saved++;
        return path;
    }
}
