namespace Sharprun.Cryptography.Evp;

/// <summary>OpenSSL 3's EVP_KDF, as fetched by name: only HKDF is offered, so the framework computes KBKDF itself.</summary>
public sealed class KdfAlgorithm
{
    public static readonly KdfAlgorithm Hkdf = new();

    private KdfAlgorithm()
    {
    }

    public static KdfAlgorithm? FromName(ReadOnlySpan<byte> utf8Name) =>
        utf8Name.SequenceEqual("HKDF"u8) ? Hkdf : null;
}
