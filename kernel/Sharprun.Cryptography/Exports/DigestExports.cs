using System.Runtime;
using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Exports;

/// <summary>The message-digest functions of pal_evp.c. Results: 1 for success, 0 for failure, as OpenSSL's.</summary>
public static unsafe class DigestExports
{
    [RuntimeExport("CryptoNative_EvpMd5")]
    public static nint EvpMd5() => AlgorithmHandles.Md5;

    [RuntimeExport("CryptoNative_EvpSha1")]
    public static nint EvpSha1() => AlgorithmHandles.Sha1;

    [RuntimeExport("CryptoNative_EvpSha256")]
    public static nint EvpSha256() => AlgorithmHandles.Sha256;

    [RuntimeExport("CryptoNative_EvpSha384")]
    public static nint EvpSha384() => AlgorithmHandles.Sha384;

    [RuntimeExport("CryptoNative_EvpSha512")]
    public static nint EvpSha512() => AlgorithmHandles.Sha512;

    // SHA-3 and SHAKE are not implemented: NULL is the shim's own answer when OpenSSL lacks them, and makes
    // SHA3_256.IsSupported, Shake128.IsSupported and the like report false.
    [RuntimeExport("CryptoNative_EvpSha3_256")]
    public static nint EvpSha3_256() => 0;

    [RuntimeExport("CryptoNative_EvpSha3_384")]
    public static nint EvpSha3_384() => 0;

    [RuntimeExport("CryptoNative_EvpSha3_512")]
    public static nint EvpSha3_512() => 0;

    [RuntimeExport("CryptoNative_EvpShake128")]
    public static nint EvpShake128() => 0;

    [RuntimeExport("CryptoNative_EvpShake256")]
    public static nint EvpShake256() => 0;

    [RuntimeExport("CryptoNative_EvpMdSize")]
    public static int EvpMdSize(nint md) => NativeHandle.Get<DigestAlgorithm>(md)?.HashSize ?? -1;

    [RuntimeExport("CryptoNative_EvpMdCtxCreate")]
    public static nint EvpMdCtxCreate(nint md)
    {
        ErrorQueue.Clear();
        var algorithm = NativeHandle.Get<DigestAlgorithm>(md);
        if (algorithm is null)
        {
            ErrorQueue.Fail(ErrorReason.UnsupportedAlgorithm);
            return 0;
        }
        return NativeHandle.Allocate(DigestContext.Start(algorithm));
    }

    [RuntimeExport("CryptoNative_EvpMdCtxDestroy")]
    public static void EvpMdCtxDestroy(nint ctx) => NativeHandle.Free(ctx);

    [RuntimeExport("CryptoNative_EvpDigestReset")]
    public static int EvpDigestReset(nint ctx, nint md)
    {
        ErrorQueue.Clear();
        var context = NativeHandle.Get<DigestContext>(ctx);
        var algorithm = NativeHandle.Get<DigestAlgorithm>(md);
        if (context is null || algorithm is null)
            return Failed(ErrorReason.InvalidArgument);
        context.Restart(algorithm);
        return 1;
    }

    [RuntimeExport("CryptoNative_EvpDigestUpdate")]
    public static int EvpDigestUpdate(nint ctx, byte* data, int count)
    {
        var context = NativeHandle.Get<DigestContext>(ctx);
        if (context is null || count < 0 || (data == null && count > 0))
            return Failed(ErrorReason.InvalidArgument);
        context.Digest.Append(new ReadOnlySpan<byte>(data, count));
        return 1;
    }

    [RuntimeExport("CryptoNative_EvpDigestFinalEx")]
    public static int EvpDigestFinalEx(nint ctx, byte* md, uint* size)
    {
        ErrorQueue.Clear();
        var context = NativeHandle.Get<DigestContext>(ctx);
        if (context is null || md == null)
            return Failed(ErrorReason.InvalidArgument);
        return Finish(context, md, size);
    }

    [RuntimeExport("CryptoNative_EvpDigestCurrent")]
    public static int EvpDigestCurrent(nint ctx, byte* md, uint* size)
    {
        ErrorQueue.Clear();
        var context = NativeHandle.Get<DigestContext>(ctx);
        if (context is null || md == null)
            return Failed(ErrorReason.InvalidArgument);
        return Finish(context.Copy(), md, size);
    }

    [RuntimeExport("CryptoNative_EvpMdCtxCopyEx")]
    public static nint EvpMdCtxCopyEx(nint ctx)
    {
        var context = NativeHandle.Get<DigestContext>(ctx);
        return context is null ? 0 : NativeHandle.Allocate(context.Copy());
    }

    [RuntimeExport("CryptoNative_EvpDigestOneShot")]
    public static int EvpDigestOneShot(nint md, byte* source, int sourceSize, byte* destination, uint* destinationSize)
    {
        ErrorQueue.Clear();
        var algorithm = NativeHandle.Get<DigestAlgorithm>(md);
        if (algorithm is null || sourceSize < 0 || (source == null && sourceSize > 0) || destination == null || destinationSize == null)
            return Failed(ErrorReason.InvalidArgument);
        var digest = algorithm.Create();
        digest.Append(new ReadOnlySpan<byte>(source, sourceSize));
        digest.Finish(new Span<byte>(destination, algorithm.HashSize));
        *destinationSize = (uint)algorithm.HashSize;
        return 1;
    }

    private static int Finish(DigestContext context, byte* md, uint* size)
    {
        int hashSize = context.Algorithm.HashSize;
        context.Digest.Finish(new Span<byte>(md, hashSize));
        if (size != null)
            *size = (uint)hashSize;
        return 1;
    }

    private static int Failed(ErrorReason reason)
    {
        ErrorQueue.Fail(reason);
        return 0;
    }
}
