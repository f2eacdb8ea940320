using System.Runtime.InteropServices;

namespace Sharprun.Cryptography.Exports;

/// <summary>
/// The opaque pointers the framework holds (EVP_MD*, EVP_CIPHER_CTX*, HMAC_CTX*...): GC handles to the managed
/// objects behind them. Zero is never a valid handle, as NULL is never a valid OpenSSL object.
/// </summary>
internal static class NativeHandle
{
    public static nint Allocate(object target) => GCHandle.ToIntPtr(GCHandle.Alloc(target));

    public static T? Get<T>(nint handle) where T : class =>
        handle == 0 ? null : GCHandle.FromIntPtr(handle).Target as T;

    public static void Free(nint handle)
    {
        if (handle != 0)
            GCHandle.FromIntPtr(handle).Free();
    }
}
