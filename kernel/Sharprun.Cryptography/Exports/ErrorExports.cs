using System.Runtime;
using System.Text;
using Sharprun.Cryptography.Evp;

namespace Sharprun.Cryptography.Exports;

/// <summary>The error-queue functions (pal_err.c) over <see cref="ErrorQueue"/>.</summary>
public static unsafe class ErrorExports
{
    /// <summary>Void in C; the framework declares a ulong result, so zero is returned.</summary>
    [RuntimeExport("CryptoNative_ErrClearError")]
    public static ulong ErrClearError()
    {
        ErrorQueue.Clear();
        return 0;
    }

    [RuntimeExport("CryptoNative_ErrGetExceptionError")]
    public static ulong ErrGetExceptionError(int* isAllocFailure)
    {
        if (isAllocFailure != null)
            *isAllocFailure = 0;
        return ErrorQueue.TakeLast();
    }

    [RuntimeExport("CryptoNative_ErrPeekError")]
    public static ulong ErrPeekError() => ErrorQueue.PeekLast();

    [RuntimeExport("CryptoNative_ErrPeekLastError")]
    public static ulong ErrPeekLastError() => ErrorQueue.PeekLast();

    /// <summary>ERR_error_string_n: the message, truncated to <paramref name="length"/> − 1 bytes and NUL-terminated.</summary>
    [RuntimeExport("CryptoNative_ErrErrorStringN")]
    public static void ErrErrorStringN(ulong error, byte* buffer, int length)
    {
        if (buffer == null || length <= 0)
            return;
        byte[] text = Encoding.UTF8.GetBytes(ErrorQueue.Describe(error));
        int count = Math.Min(text.Length, length - 1);
        text.AsSpan(0, count).CopyTo(new Span<byte>(buffer, count));
        buffer[count] = 0;
    }
}
