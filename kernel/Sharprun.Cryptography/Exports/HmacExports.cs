using System.Runtime;
using Sharprun.Cryptography.Algorithms;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Exports;

/// <summary>The HMAC functions of pal_hmac.c (the framework's HMACSHA*, IncrementalHash.CreateHMAC and HMAC one-shots).</summary>
public static unsafe class HmacExports
{
    [RuntimeExport("CryptoNative_HmacCreate")]
    public static nint HmacCreate(byte* key, int keyLength, nint md)
    {
        ErrorQueue.Clear();
        var algorithm = NativeHandle.Get<DigestAlgorithm>(md);
        if (algorithm is null || keyLength < 0 || (key == null && keyLength > 0))
        {
            ErrorQueue.Fail(ErrorReason.InvalidArgument);
            return 0;
        }
        return NativeHandle.Allocate(new Hmac(algorithm, new ReadOnlySpan<byte>(key, keyLength)));
    }

    [RuntimeExport("CryptoNative_HmacDestroy")]
    public static void HmacDestroy(nint ctx) => NativeHandle.Free(ctx);

    [RuntimeExport("CryptoNative_HmacReset")]
    public static int HmacReset(nint ctx)
    {
        ErrorQueue.Clear();
        var hmac = NativeHandle.Get<Hmac>(ctx);
        if (hmac is null)
            return -1;
        hmac.Reset();
        return 1;
    }

    [RuntimeExport("CryptoNative_HmacUpdate")]
    public static int HmacUpdate(nint ctx, byte* data, int length)
    {
        ErrorQueue.Clear();
        var hmac = NativeHandle.Get<Hmac>(ctx);
        if (hmac is null || length < 0 || (data == null && length > 0))
            return 0;
        hmac.Append(new ReadOnlySpan<byte>(data, length));
        return 1;
    }

    /// <summary>*length is the space at md on entry and the MAC's size on return.</summary>
    [RuntimeExport("CryptoNative_HmacFinal")]
    public static int HmacFinal(nint ctx, byte* md, int* length)
    {
        ErrorQueue.Clear();
        var hmac = NativeHandle.Get<Hmac>(ctx);
        return hmac is null ? 0 : Finish(hmac, md, length);
    }

    [RuntimeExport("CryptoNative_HmacCurrent")]
    public static int HmacCurrent(nint ctx, byte* md, int* length)
    {
        ErrorQueue.Clear();
        var hmac = NativeHandle.Get<Hmac>(ctx);
        return hmac is null ? 0 : Finish(hmac.Clone(), md, length);
    }

    [RuntimeExport("CryptoNative_HmacCopy")]
    public static nint HmacCopy(nint ctx)
    {
        ErrorQueue.Clear();
        var hmac = NativeHandle.Get<Hmac>(ctx);
        return hmac is null ? 0 : NativeHandle.Allocate(hmac.Clone());
    }

    [RuntimeExport("CryptoNative_HmacOneShot")]
    public static int HmacOneShot(nint md, byte* key, int keySize, byte* source, int sourceSize, byte* destination, int* destinationSize)
    {
        ErrorQueue.Clear();
        var algorithm = NativeHandle.Get<DigestAlgorithm>(md);
        if (algorithm is null || keySize < 0 || sourceSize < 0 || destination == null || destinationSize == null)
            return 0;
        if ((key == null && keySize != 0) || (source == null && sourceSize != 0))
            return -1;
        if (*destinationSize < algorithm.HashSize)
            return 0;
        Hmac.Compute(algorithm, new ReadOnlySpan<byte>(key, keySize), new ReadOnlySpan<byte>(source, sourceSize),
            new Span<byte>(destination, algorithm.HashSize));
        *destinationSize = algorithm.HashSize;
        return 1;
    }

    private static int Finish(Hmac hmac, byte* md, int* length)
    {
        if (length == null || *length < hmac.HashSize || md == null)
            return 0;
        hmac.Finish(new Span<byte>(md, hmac.HashSize));
        *length = hmac.HashSize;
        return 1;
    }
}
