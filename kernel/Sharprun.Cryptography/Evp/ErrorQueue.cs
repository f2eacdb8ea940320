namespace Sharprun.Cryptography.Evp;

/// <summary>
/// OpenSSL's per-thread error queue, reduced to what the framework reads: the last error of the thread, which
/// CryptoNative_ErrGetExceptionError turns into a CryptographicException's message.
/// </summary>
public static class ErrorQueue
{
    /// <summary>The library field of the codes (bits 23 and up, as in OpenSSL 3's ERR_PACK); 6 is OpenSSL's EVP.</summary>
    private const ulong Library = 6UL << 23;

    [ThreadStatic]
    private static ulong t_last;

    /// <summary>Records <paramref name="reason"/> and returns false, so that a failing operation can end with <c>return ErrorQueue.Fail(...)</c>.</summary>
    public static bool Fail(ErrorReason reason)
    {
        t_last = Library | (ulong)reason;
        return false;
    }

    public static ulong PeekLast() => t_last;

    public static ulong TakeLast()
    {
        ulong last = t_last;
        t_last = 0;
        return last;
    }

    public static void Clear() => t_last = 0;

    public static string Describe(ulong code)
    {
        var reason = (ErrorReason)(code & 0x7fffff);
        string text = reason switch
        {
            ErrorReason.InvalidArgument => "invalid argument",
            ErrorReason.UnsupportedAlgorithm => "unsupported algorithm",
            ErrorReason.UnsupportedOperation => "operation not supported for this cipher or state",
            ErrorReason.InvalidKeyLength => "invalid key length",
            ErrorReason.InvalidIvLength => "invalid iv length",
            ErrorReason.NoKey => "no key set",
            ErrorReason.NoIv => "no iv set",
            ErrorReason.NoTag => "tag not set",
            ErrorReason.InvalidTag => "invalid tag or tag length",
            ErrorReason.OutputTooSmall => "output buffer too small",
            ErrorReason.DataNotMultipleOfBlockLength => "data not multiple of block length",
            ErrorReason.WrongFinalBlockLength => "wrong final block length",
            ErrorReason.BadDecrypt => "bad decrypt",
            _ => "unknown error",
        };
        return $"error:{code:X8}:digital envelope routines::{text}";
    }
}
