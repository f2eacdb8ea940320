namespace Sharprun.Cryptography.Evp;

/// <summary>An AES key size and mode (OpenSSL's EVP_CIPHER, such as EVP_aes_128_cbc): the factory of its contexts.</summary>
public sealed class CipherAlgorithm
{
    private CipherAlgorithm(CipherMode mode, int keySize)
    {
        Mode = mode;
        KeySize = keySize;
    }

    public CipherMode Mode { get; }

    /// <summary>In bytes.</summary>
    public int KeySize { get; }

    public static readonly CipherAlgorithm Aes128Ecb = new(CipherMode.Ecb, 16);
    public static readonly CipherAlgorithm Aes192Ecb = new(CipherMode.Ecb, 24);
    public static readonly CipherAlgorithm Aes256Ecb = new(CipherMode.Ecb, 32);
    public static readonly CipherAlgorithm Aes128Cbc = new(CipherMode.Cbc, 16);
    public static readonly CipherAlgorithm Aes192Cbc = new(CipherMode.Cbc, 24);
    public static readonly CipherAlgorithm Aes256Cbc = new(CipherMode.Cbc, 32);
    public static readonly CipherAlgorithm Aes128Cfb8 = new(CipherMode.Cfb8, 16);
    public static readonly CipherAlgorithm Aes192Cfb8 = new(CipherMode.Cfb8, 24);
    public static readonly CipherAlgorithm Aes256Cfb8 = new(CipherMode.Cfb8, 32);
    public static readonly CipherAlgorithm Aes128Cfb128 = new(CipherMode.Cfb128, 16);
    public static readonly CipherAlgorithm Aes192Cfb128 = new(CipherMode.Cfb128, 24);
    public static readonly CipherAlgorithm Aes256Cfb128 = new(CipherMode.Cfb128, 32);
    public static readonly CipherAlgorithm Aes128Gcm = new(CipherMode.Gcm, 16);
    public static readonly CipherAlgorithm Aes192Gcm = new(CipherMode.Gcm, 24);
    public static readonly CipherAlgorithm Aes256Gcm = new(CipherMode.Gcm, 32);
    public static readonly CipherAlgorithm Aes128Ccm = new(CipherMode.Ccm, 16);
    public static readonly CipherAlgorithm Aes192Ccm = new(CipherMode.Ccm, 24);
    public static readonly CipherAlgorithm Aes256Ccm = new(CipherMode.Ccm, 32);

    public CipherContext CreateContext() => Mode switch
    {
        CipherMode.Ecb or CipherMode.Cbc => new BlockModeContext(this),
        CipherMode.Cfb8 or CipherMode.Cfb128 => new FeedbackModeContext(this),
        CipherMode.Gcm => new GcmContext(this),
        _ => new CcmContext(this),
    };
}
