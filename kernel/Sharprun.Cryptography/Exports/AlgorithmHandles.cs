using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Exports;

/// <summary>One lasting handle per algorithm object, as OpenSSL's EVP_sha256() and EVP_aes_128_cbc() return static pointers.</summary>
internal static class AlgorithmHandles
{
    public static readonly nint Md5 = NativeHandle.Allocate(DigestAlgorithm.Md5);
    public static readonly nint Sha1 = NativeHandle.Allocate(DigestAlgorithm.Sha1);
    public static readonly nint Sha256 = NativeHandle.Allocate(DigestAlgorithm.Sha256);
    public static readonly nint Sha384 = NativeHandle.Allocate(DigestAlgorithm.Sha384);
    public static readonly nint Sha512 = NativeHandle.Allocate(DigestAlgorithm.Sha512);
    public static readonly nint Hkdf = NativeHandle.Allocate(KdfAlgorithm.Hkdf);

    private static readonly Dictionary<CipherAlgorithm, nint> s_ciphers = [];
    private static readonly Lock s_lock = new();

    public static nint Of(CipherAlgorithm algorithm)
    {
        lock (s_lock)
        {
            if (!s_ciphers.TryGetValue(algorithm, out nint handle))
            {
                handle = NativeHandle.Allocate(algorithm);
                s_ciphers.Add(algorithm, handle);
            }
            return handle;
        }
    }
}
