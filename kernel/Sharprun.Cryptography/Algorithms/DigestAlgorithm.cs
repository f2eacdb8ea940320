namespace Sharprun.Cryptography.Algorithms;

/// <summary>A hash function by name (OpenSSL's EVP_MD): its sizes and a way to start hashing with it.</summary>
public sealed class DigestAlgorithm
{
    public static readonly DigestAlgorithm Md5 = new("MD5", 16, 64, () => new Md5());
    public static readonly DigestAlgorithm Sha1 = new("SHA1", 20, 64, () => new Sha1());
    public static readonly DigestAlgorithm Sha256 = new("SHA256", 32, 64, () => new Sha256());
    public static readonly DigestAlgorithm Sha384 = new("SHA384", 48, 128, Algorithms.Sha512.CreateSha384);
    public static readonly DigestAlgorithm Sha512 = new("SHA512", 64, 128, Algorithms.Sha512.CreateSha512);

    private readonly Func<Digest> _create;

    private DigestAlgorithm(string name, int hashSize, int blockSize, Func<Digest> create)
    {
        Name = name;
        HashSize = hashSize;
        BlockSize = blockSize;
        _create = create;
    }

    /// <summary>The name .NET passes for it (HashAlgorithmName.Name), which is also OpenSSL's.</summary>
    public string Name { get; }

    public int HashSize { get; }

    public int BlockSize { get; }

    public Digest Create() => _create();

    /// <summary>The algorithm named <paramref name="name"/> (as HKDF's digest parameter names it), or null.</summary>
    public static DigestAlgorithm? FromName(ReadOnlySpan<char> name) => name switch
    {
        "MD5" => Md5,
        "SHA1" or "SHA-1" => Sha1,
        "SHA256" or "SHA2-256" or "SHA-256" => Sha256,
        "SHA384" or "SHA2-384" or "SHA-384" => Sha384,
        "SHA512" or "SHA2-512" or "SHA-512" => Sha512,
        _ => null,
    };

    public byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = Create();
        digest.Append(data);
        var hash = new byte[HashSize];
        digest.Finish(hash);
        return hash;
    }
}
