using System.Diagnostics;
using System.Net.Sockets;

// Each attempt reaches a P/Invoke the build bound to a stub that throws; the program must survive all of them.
Attempt("socket", () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose());
Attempt("process", () => Process.Start("/bin/true")?.Dispose());
// A second call of the same stub, after the first exception was dispatched through it.
Attempt("socket again", () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp).Dispose());
Console.WriteLine("survived");
return 0;

static void Attempt(string what, Action action)
{
    try
    {
        action();
        Console.WriteLine($"{what}: no exception");
    }
    catch (Exception e)
    {
        Console.WriteLine($"{what}: {e.GetType().FullName}: {e.Message}");
        // A static constructor that called the stub wraps its exception in TypeInitializationException.
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            Console.WriteLine($"  inner: {inner.GetType().FullName}: {inner.Message}");
    }
}
