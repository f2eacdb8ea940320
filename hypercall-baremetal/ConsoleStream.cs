namespace Sharprun.Hypercall;

/// <summary>The console streams a guest writes to; the launcher keeps them apart on the host.</summary>
public enum ConsoleStream
{
    /// <summary>The application's standard output.</summary>
    Out = 1,
    /// <summary>The application's standard error.</summary>
    Error = 2,
    /// <summary>Kernel messages, panic reports and the exit record.</summary>
    Kernel = 3,
}
