using Sharprun.Cryptography.Algorithms;

namespace Sharprun.Cryptography.Evp;

/// <summary>OpenSSL's EVP_MD_CTX: a running digest and the algorithm it was started with.</summary>
public sealed class DigestContext(DigestAlgorithm algorithm, Digest digest)
{
    public DigestAlgorithm Algorithm { get; private set; } = algorithm;

    public Digest Digest { get; private set; } = digest;

    public static DigestContext Start(DigestAlgorithm algorithm) => new(algorithm, algorithm.Create());

    public void Restart(DigestAlgorithm algorithm)
    {
        if (algorithm == Algorithm)
        {
            Digest.Reset();
            return;
        }
        Algorithm = algorithm;
        Digest = algorithm.Create();
    }

    public DigestContext Copy() => new(Algorithm, Digest.Clone());
}
