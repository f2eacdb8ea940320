using System.Runtime;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Exports;

/// <summary>
/// The AES functions of pal_evp_cipher.c. Pointers come without lengths, as in OpenSSL: a key is the algorithm's
/// key size, an IV the context's IV length, an update's output has room for the input plus one block.
/// </summary>
public static unsafe class CipherExports
{
    [RuntimeExport("CryptoNative_EvpAes128Ecb")]
    public static nint EvpAes128Ecb() => AlgorithmHandles.Of(CipherAlgorithm.Aes128Ecb);

    [RuntimeExport("CryptoNative_EvpAes192Ecb")]
    public static nint EvpAes192Ecb() => AlgorithmHandles.Of(CipherAlgorithm.Aes192Ecb);

    [RuntimeExport("CryptoNative_EvpAes256Ecb")]
    public static nint EvpAes256Ecb() => AlgorithmHandles.Of(CipherAlgorithm.Aes256Ecb);

    [RuntimeExport("CryptoNative_EvpAes128Cbc")]
    public static nint EvpAes128Cbc() => AlgorithmHandles.Of(CipherAlgorithm.Aes128Cbc);

    [RuntimeExport("CryptoNative_EvpAes192Cbc")]
    public static nint EvpAes192Cbc() => AlgorithmHandles.Of(CipherAlgorithm.Aes192Cbc);

    [RuntimeExport("CryptoNative_EvpAes256Cbc")]
    public static nint EvpAes256Cbc() => AlgorithmHandles.Of(CipherAlgorithm.Aes256Cbc);

    [RuntimeExport("CryptoNative_EvpAes128Cfb8")]
    public static nint EvpAes128Cfb8() => AlgorithmHandles.Of(CipherAlgorithm.Aes128Cfb8);

    [RuntimeExport("CryptoNative_EvpAes192Cfb8")]
    public static nint EvpAes192Cfb8() => AlgorithmHandles.Of(CipherAlgorithm.Aes192Cfb8);

    [RuntimeExport("CryptoNative_EvpAes256Cfb8")]
    public static nint EvpAes256Cfb8() => AlgorithmHandles.Of(CipherAlgorithm.Aes256Cfb8);

    [RuntimeExport("CryptoNative_EvpAes128Cfb128")]
    public static nint EvpAes128Cfb128() => AlgorithmHandles.Of(CipherAlgorithm.Aes128Cfb128);

    [RuntimeExport("CryptoNative_EvpAes192Cfb128")]
    public static nint EvpAes192Cfb128() => AlgorithmHandles.Of(CipherAlgorithm.Aes192Cfb128);

    [RuntimeExport("CryptoNative_EvpAes256Cfb128")]
    public static nint EvpAes256Cfb128() => AlgorithmHandles.Of(CipherAlgorithm.Aes256Cfb128);

    [RuntimeExport("CryptoNative_EvpAes128Gcm")]
    public static nint EvpAes128Gcm() => AlgorithmHandles.Of(CipherAlgorithm.Aes128Gcm);

    [RuntimeExport("CryptoNative_EvpAes192Gcm")]
    public static nint EvpAes192Gcm() => AlgorithmHandles.Of(CipherAlgorithm.Aes192Gcm);

    [RuntimeExport("CryptoNative_EvpAes256Gcm")]
    public static nint EvpAes256Gcm() => AlgorithmHandles.Of(CipherAlgorithm.Aes256Gcm);

    [RuntimeExport("CryptoNative_EvpAes128Ccm")]
    public static nint EvpAes128Ccm() => AlgorithmHandles.Of(CipherAlgorithm.Aes128Ccm);

    [RuntimeExport("CryptoNative_EvpAes192Ccm")]
    public static nint EvpAes192Ccm() => AlgorithmHandles.Of(CipherAlgorithm.Aes192Ccm);

    [RuntimeExport("CryptoNative_EvpAes256Ccm")]
    public static nint EvpAes256Ccm() => AlgorithmHandles.Of(CipherAlgorithm.Aes256Ccm);

    /// <summary>A context with key and IV; <paramref name="keyLength"/> is in bits and must be the algorithm's.</summary>
    [RuntimeExport("CryptoNative_EvpCipherCreate2")]
    public static nint EvpCipherCreate2(nint type, byte* key, int keyLength, byte* iv, int encrypt)
    {
        ErrorQueue.Clear();
        var algorithm = NativeHandle.Get<CipherAlgorithm>(type);
        if (algorithm is null || (keyLength > 0 && keyLength != algorithm.KeySize * 8))
        {
            ErrorQueue.Fail(ErrorReason.InvalidKeyLength);
            return 0;
        }
        var context = algorithm.CreateContext();
        return SetKeyAndIv(context, key, iv, encrypt) ? NativeHandle.Allocate(context) : 0;
    }

    [RuntimeExport("CryptoNative_EvpCipherCreatePartial")]
    public static nint EvpCipherCreatePartial(nint type)
    {
        ErrorQueue.Clear();
        var algorithm = NativeHandle.Get<CipherAlgorithm>(type);
        if (algorithm is null)
        {
            ErrorQueue.Fail(ErrorReason.UnsupportedAlgorithm);
            return 0;
        }
        return NativeHandle.Allocate(algorithm.CreateContext());
    }

    /// <summary>A null key or IV keeps the current one; direction −1 keeps the current direction.</summary>
    [RuntimeExport("CryptoNative_EvpCipherSetKeyAndIV")]
    public static int EvpCipherSetKeyAndIV(nint ctx, byte* key, byte* iv, int direction)
    {
        var context = NativeHandle.Get<CipherContext>(ctx);
        return context is not null && SetKeyAndIv(context, key, iv, direction) ? 1 : 0;
    }

    [RuntimeExport("CryptoNative_EvpCipherSetGcmNonceLength")]
    public static int EvpCipherSetGcmNonceLength(nint ctx, int length) =>
        NativeHandle.Get<CipherContext>(ctx)?.SetNonceLength(CipherMode.Gcm, length) == true ? 1 : 0;

    [RuntimeExport("CryptoNative_EvpCipherSetCcmNonceLength")]
    public static int EvpCipherSetCcmNonceLength(nint ctx, int length) =>
        NativeHandle.Get<CipherContext>(ctx)?.SetNonceLength(CipherMode.Ccm, length) == true ? 1 : 0;

    [RuntimeExport("CryptoNative_EvpCipherDestroy")]
    public static void EvpCipherDestroy(nint ctx) => NativeHandle.Free(ctx);

    /// <summary>Back to the start of a message with the same key and direction, and <paramref name="iv"/> if given.</summary>
    [RuntimeExport("CryptoNative_EvpCipherReset")]
    public static int EvpCipherReset(nint ctx, byte* iv, int ivLength)
    {
        ErrorQueue.Clear();
        var context = NativeHandle.Get<CipherContext>(ctx);
        if (context is null || ivLength < 0 || (iv != null && ivLength < context.IvLength))
            return 0;
        return context.Reset(new ReadOnlySpan<byte>(iv, iv == null ? 0 : context.IvLength), iv != null) ? 1 : 0;
    }

    [RuntimeExport("CryptoNative_EvpCipherCtxSetPadding")]
    public static int EvpCipherCtxSetPadding(nint ctx, int padding) =>
        NativeHandle.Get<CipherContext>(ctx)?.SetPadding(padding != 0) == true ? 1 : 0;

    [RuntimeExport("CryptoNative_EvpCipherUpdate")]
    public static int EvpCipherUpdate(nint ctx, byte* output, int* outputLength, byte* input, int inputLength)
    {
        var context = NativeHandle.Get<CipherContext>(ctx);
        if (context is null || inputLength < 0 || outputLength == null)
            return 0;
        if (input == null && output == null)
        {
            *outputLength = 0;
            return context.DeclareInputLength(inputLength) ? 1 : 0;
        }
        if (input == null && inputLength > 0)
            return 0;
        var outputSpan = output == null ? Span<byte>.Empty : new Span<byte>(output, context.MaxOutput(inputLength));
        if (!context.Update(new ReadOnlySpan<byte>(input, inputLength), outputSpan, output != null, out int written))
            return 0;
        *outputLength = written;
        return 1;
    }

    [RuntimeExport("CryptoNative_EvpCipherFinalEx")]
    public static int EvpCipherFinalEx(nint ctx, byte* output, int* outputLength)
    {
        var context = NativeHandle.Get<CipherContext>(ctx);
        if (context is null || outputLength == null)
            return 0;
        var outputSpan = output == null ? Span<byte>.Empty : new Span<byte>(output, Algorithms.AesBlockCipher.BlockSize);
        if (!context.Final(outputSpan, out int written))
            return 0;
        *outputLength = written;
        return 1;
    }

    [RuntimeExport("CryptoNative_EvpCipherGetGcmTag")]
    public static int EvpCipherGetGcmTag(nint ctx, byte* tag, int length) => GetTag(ctx, CipherMode.Gcm, tag, length);

    [RuntimeExport("CryptoNative_EvpCipherSetGcmTag")]
    public static int EvpCipherSetGcmTag(nint ctx, byte* tag, int length) => SetTag(ctx, CipherMode.Gcm, tag, length);

    [RuntimeExport("CryptoNative_EvpCipherGetCcmTag")]
    public static int EvpCipherGetCcmTag(nint ctx, byte* tag, int length) => GetTag(ctx, CipherMode.Ccm, tag, length);

    /// <summary>With a null tag, sets only the tag length an encryption produces.</summary>
    [RuntimeExport("CryptoNative_EvpCipherSetCcmTag")]
    public static int EvpCipherSetCcmTag(nint ctx, byte* tag, int length) => SetTag(ctx, CipherMode.Ccm, tag, length);

    private static int GetTag(nint ctx, CipherMode mode, byte* tag, int length)
    {
        var context = NativeHandle.Get<CipherContext>(ctx);
        if (context is null || tag == null || length <= 0)
            return 0;
        return context.GetTag(mode, new Span<byte>(tag, length)) ? 1 : 0;
    }

    private static int SetTag(nint ctx, CipherMode mode, byte* tag, int length)
    {
        var context = NativeHandle.Get<CipherContext>(ctx);
        if (context is null || length <= 0)
            return 0;
        return context.SetTag(mode, new ReadOnlySpan<byte>(tag, tag == null ? 0 : length), tag != null, length) ? 1 : 0;
    }

    private static bool SetKeyAndIv(CipherContext context, byte* key, byte* iv, int direction) =>
        context.SetKeyAndIv(
            new ReadOnlySpan<byte>(key, key == null ? 0 : context.Algorithm.KeySize), key != null,
            new ReadOnlySpan<byte>(iv, iv == null ? 0 : context.IvLength), iv != null,
            direction);
}
