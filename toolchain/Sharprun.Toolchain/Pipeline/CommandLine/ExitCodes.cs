namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>The exit codes of the <c>sharprun</c> tool itself; <c>run</c> otherwise exits with the application's code.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int BuildFailure = 1;
    public const int Usage = 2;
    public const int Timeout = 124;
    public const int GuestFailure = 125;
    /// <summary>The user pressed Ctrl-C during run, reported as shells report death by SIGINT.</summary>
    public const int Interrupted = 130;
}
