using System.Diagnostics;
using System.IO.Pipes;

// Each attempt reaches a P/Invoke the build bound to a stub that throws; the program must survive all of them.
Attempt("pipe", () => new AnonymousPipeServerStream().Dispose());
Attempt("process", () => Process.Start("/bin/true")?.Dispose());
// A second call of the same stub, after the first exception was dispatched through it.
Attempt("pipe again", () => new AnonymousPipeServerStream(PipeDirection.In).Dispose());
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
