namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// A framework area the kernel does not provide: its name as a programmer knows it (usually a namespace or type)
/// and why it is missing. The build reports it once, and the stubs bound to its imports throw it.
/// </summary>
public sealed record UnavailableArea(string Name, string Message)
{
    /// <summary>"System.Net.Sockets: networking is not available yet".</summary>
    public string Describe() => $"{Name}: {Message}";

    /// <summary>The message of the PlatformNotSupportedException a call of <paramref name="entryPoint"/> throws.</summary>
    public string ExceptionMessage(string entryPoint) => $"{Describe()} ({entryPoint} is not provided by the Sharprun kernel)";
}
