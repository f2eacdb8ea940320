using Sharprun.Kernel.Pal;

namespace Sharprun.Vfs.Pal.Native;

/// <summary>FsError is numbered as Linux's errno, so it passes through as the PAL's platform error.</summary>
internal static class FileErrors
{
    public static LinuxErrno ToErrno(FsError error) => (LinuxErrno)(int)error;

    /// <summary>0 on success, else -1 with errno set: the result of most PAL calls.</summary>
    public static int Result(FsError error) => error == FsError.Success ? 0 : PalErrors.Fail(ToErrno(error));

    /// <summary>strerror's text with the number, for the kernel log: "Input/output error (errno 5)".</summary>
    public static string Describe(FsError error)
    {
        ReadOnlySpan<byte> text = LinuxErrorMessages.For((int)error);
        return $"{(text.IsEmpty ? "error" : System.Text.Encoding.UTF8.GetString(text))} (errno {(int)error})";
    }
}
