using System.Runtime;

namespace Sharprun.Cryptography.Exports;

/// <summary>The shim's library-level queries, answered so the framework takes its OpenSSL 3 paths.</summary>
public static class InitializationExports
{
    /// <summary>OpenSSL 3.0.0 in OPENSSL_VERSION_NUMBER's layout: the interface (EVP_KDF for HKDF) this shim follows.</summary>
    private const long OpenSsl30 = 0x30000000L;

    /// <summary>EVP_MAX_MD_SIZE: SHA-512's 64 bytes.</summary>
    private const int MaxDigestSize = 64;

    [RuntimeExport("CryptoNative_EnsureOpenSslInitialized")]
    public static int EnsureOpenSslInitialized() => 0;

    [RuntimeExport("CryptoNative_OpenSslAvailable")]
    public static int OpenSslAvailable() => 1;

    [RuntimeExport("CryptoNative_OpenSslVersionNumber")]
    public static long OpenSslVersionNumber() => OpenSsl30;

    [RuntimeExport("CryptoNative_GetMaxMdSize")]
    public static int GetMaxMdSize() => MaxDigestSize;
}
