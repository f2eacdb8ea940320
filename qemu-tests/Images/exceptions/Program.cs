// Exception dispatch as .NET defines it, printed deterministically for comparison with the host.
var log = new List<string>();

// Catch by type, finally ordering.
try
{
    try
    {
        log.Add("try");
        throw new InvalidOperationException("first");
    }
    finally
    {
        log.Add("finally");
    }
}
catch (InvalidOperationException e)
{
    log.Add($"caught {e.GetType().Name}: {e.Message}");
}
Console.WriteLine(string.Join(" > ", log));

// Filters run in the first pass, before inner finally blocks.
log.Clear();
try
{
    try
    {
        throw new ArgumentException("filtered", "name");
    }
    finally
    {
        log.Add("inner finally");
    }
}
catch (ArgumentException e) when (Note(log, $"filter sees {e.ParamName}"))
{
    log.Add("handler");
}
Console.WriteLine(string.Join(" > ", log));

// A filter that declines passes the exception on.
try
{
    try
    {
        throw new FormatException("declined");
    }
    catch (FormatException) when (args.Length > 100)
    {
        Console.WriteLine("unreachable");
    }
}
catch (Exception e)
{
    Console.WriteLine($"outer caught {e.GetType().Name}: {e.Message}");
}

// Rethrow keeps the exception object.
Exception? original = null;
try
{
    try
    {
        original = new KeyNotFoundException("missing");
        throw original;
    }
    catch (KeyNotFoundException)
    {
        throw;
    }
}
catch (Exception e)
{
    Console.WriteLine($"rethrown same object: {ReferenceEquals(e, original)}");
}

// Across many frames, with finally blocks on the way.
int unwound = 0;
try
{
    Recurse(25, ref unwound);
}
catch (DivideByZeroException e)
{
    Console.WriteLine($"deep: {e.Message} after {unwound} finally blocks");
}

// Exceptions thrown by the runtime itself.
int[] array = new int[3];
object text = "not a number";
string? nothing = null;
int zero = args.Length - args.Length;
Console.WriteLine(Describe(() => array[args.Length + 3] = 1));
Console.WriteLine(Describe(() => _ = (int)text));
Console.WriteLine(Describe(() => _ = nothing!.Length));
Console.WriteLine(Describe(() => _ = 10 / zero));
Console.WriteLine(Describe(() => _ = checked(int.MaxValue + (zero + 1))));
Console.WriteLine(Describe(() => _ = int.Parse("12x")));

// AggregateException and nested try blocks in catch handlers.
try
{
    var errors = new List<Exception>();
    foreach (var name in new[] { "a", "b", "c" })
    {
        try
        {
            throw new InvalidDataException($"bad {name}");
        }
        catch (Exception e)
        {
            try
            {
                errors.Add(e);
                if (name == "b")
                    throw new TimeoutException("inside catch");
            }
            catch (TimeoutException t)
            {
                errors.Add(t);
            }
        }
    }
    throw new AggregateException("several", errors);
}
catch (AggregateException e)
{
    Console.WriteLine($"aggregate: {e.InnerExceptions.Count} [{string.Join("; ", e.InnerExceptions.Select(x => x.Message))}]");
}

// Exception from an iterator and from a lambda in LINQ.
try
{
    foreach (var value in Failing())
        Console.WriteLine($"yielded {value}");
}
catch (NotSupportedException e)
{
    Console.WriteLine($"iterator: {e.Message}");
}
Console.WriteLine($"linq: {Describe(() => _ = new[] { 1, 2, 0 }.Select(x => 6 / x).Sum())}");

// using/Dispose runs on the way out.
try
{
    using var resource = new Resource();
    throw new ApplicationException("with resource");
}
catch (ApplicationException e)
{
    Console.WriteLine($"after dispose: {e.Message}");
}
return 3;

static bool Note(List<string> log, string text)
{
    log.Add(text);
    return true;
}

static void Recurse(int depth, ref int unwound)
{
    try
    {
        if (depth == 0)
            throw new DivideByZeroException("bottom reached");
        Recurse(depth - 1, ref unwound);
    }
    finally
    {
        unwound++;
    }
}

static string Describe(Action action)
{
    try
    {
        action();
        return "no exception";
    }
    catch (Exception e)
    {
        return $"{e.GetType().FullName}: {e.Message}";
    }
}

static IEnumerable<int> Failing()
{
    yield return 1;
    yield return 2;
    throw new NotSupportedException("iterator failed");
}

sealed class Resource : IDisposable
{
    public void Dispose() => Console.WriteLine("disposed");
}
