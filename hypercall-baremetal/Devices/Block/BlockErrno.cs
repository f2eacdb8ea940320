namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// The Linux errno values the block members of the hypercall interface return (the kernel reads them as its
/// FsError, which has the same numbers).
/// </summary>
internal static class BlockErrno
{
    public const int None = 0;
    public const int IoError = 5;
    public const int TryAgain = 11;
    public const int NoDevice = 19;
    public const int InvalidArgument = 22;
    public const int ReadOnly = 30;
    public const int NotSupported = 95;
}
