using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Exports;

/// <summary>PBKDF2 (pal_evp.c) and the EVP_KDF functions of pal_evp_kdf.c for HKDF.</summary>
public static unsafe class KdfExports
{
    /// <summary>-1 for bad arguments, 1 for success (PKCS5_PBKDF2_HMAC's result otherwise).</summary>
    [RuntimeExport("CryptoNative_Pbkdf2")]
    public static int Pbkdf2(byte* password, int passwordLength, byte* salt, int saltLength, int iterations, nint digest,
        byte* destination, int destinationLength)
    {
        var algorithm = NativeHandle.Get<DigestAlgorithm>(digest);
        if (passwordLength < 0 || saltLength < 0 || iterations <= 0 || algorithm is null || destination == null || destinationLength < 0)
            return -1;
        if ((salt == null && saltLength != 0) || (password == null && passwordLength != 0))
            return -1;
        ErrorQueue.Clear();
        Algorithms.Pbkdf2.Derive(algorithm, new ReadOnlySpan<byte>(password, passwordLength), new ReadOnlySpan<byte>(salt, saltLength),
            iterations, new Span<byte>(destination, destinationLength));
        return 1;
    }

    /// <summary>*haveFeature is 0 for an algorithm this shim does not offer, which makes the framework use its managed code.</summary>
    [RuntimeExport("CryptoNative_EvpKdfFetch")]
    public static nint EvpKdfFetch(byte* algorithm, int* haveFeature)
    {
        ErrorQueue.Clear();
        var kdf = algorithm == null ? null : KdfAlgorithm.FromName(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(algorithm));
        if (haveFeature != null)
            *haveFeature = kdf is null ? 0 : 1;
        return kdf is null ? 0 : AlgorithmHandles.Hkdf;
    }

    /// <summary>The KDF handles are lasting, like OpenSSL's reference-counted fetched algorithms; nothing to free.</summary>
    [RuntimeExport("CryptoNative_EvpKdfFree")]
    public static void EvpKdfFree(nint kdf)
    {
    }

    [RuntimeExport("CryptoNative_HkdfExtract")]
    public static int HkdfExtract(nint kdf, byte* ikm, int ikmLength, byte* algorithm, byte* salt, int saltLength,
        byte* destination, int destinationLength)
    {
        var digest = Prepare(kdf, algorithm, destination, destinationLength);
        if (digest is null || !Valid(ikm, ikmLength) || !Valid(salt, saltLength) || destinationLength != digest.HashSize)
            return 0;
        Hkdf.Extract(digest, new ReadOnlySpan<byte>(ikm, ikmLength), new ReadOnlySpan<byte>(salt, saltLength),
            new Span<byte>(destination, destinationLength));
        return 1;
    }

    [RuntimeExport("CryptoNative_HkdfExpand")]
    public static int HkdfExpand(nint kdf, byte* prk, int prkLength, byte* algorithm, byte* info, int infoLength,
        byte* destination, int destinationLength)
    {
        var digest = Prepare(kdf, algorithm, destination, destinationLength);
        if (digest is null || !Valid(prk, prkLength) || !Valid(info, infoLength))
            return 0;
        return Hkdf.Expand(digest, new ReadOnlySpan<byte>(prk, prkLength), new ReadOnlySpan<byte>(info, infoLength),
            new Span<byte>(destination, destinationLength)) ? 1 : Failed(ErrorReason.InvalidArgument);
    }

    [RuntimeExport("CryptoNative_HkdfDeriveKey")]
    public static int HkdfDeriveKey(nint kdf, byte* ikm, int ikmLength, byte* algorithm, byte* salt, int saltLength,
        byte* info, int infoLength, byte* destination, int destinationLength)
    {
        var digest = Prepare(kdf, algorithm, destination, destinationLength);
        if (digest is null || !Valid(ikm, ikmLength) || !Valid(salt, saltLength) || !Valid(info, infoLength))
            return 0;
        return Hkdf.DeriveKey(digest, new ReadOnlySpan<byte>(ikm, ikmLength), new ReadOnlySpan<byte>(salt, saltLength),
            new ReadOnlySpan<byte>(info, infoLength), new Span<byte>(destination, destinationLength)) ? 1 : Failed(ErrorReason.InvalidArgument);
    }

    private static DigestAlgorithm? Prepare(nint kdf, byte* algorithm, byte* destination, int destinationLength)
    {
        ErrorQueue.Clear();
        if (NativeHandle.Get<KdfAlgorithm>(kdf) is null || algorithm == null || destination == null || destinationLength <= 0)
        {
            ErrorQueue.Fail(ErrorReason.InvalidArgument);
            return null;
        }
        string name = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(algorithm));
        var digest = DigestAlgorithm.FromName(name);
        if (digest is null)
            ErrorQueue.Fail(ErrorReason.UnsupportedAlgorithm);
        return digest;
    }

    private static bool Valid(byte* pointer, int length) => length >= 0 && (pointer != null || length == 0);

    private static int Failed(ErrorReason reason)
    {
        ErrorQueue.Fail(reason);
        return 0;
    }
}
