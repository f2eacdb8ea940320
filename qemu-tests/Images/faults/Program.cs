// One image, many ways to end (and a look at the clock): the first argument picks the scenario.
using System.Runtime.CompilerServices;

switch (args.FirstOrDefault())
{
    case "unhandled":
        Console.WriteLine("about to fail");
        Level1();
        break;
    case "null":
        string? text = args.Length > 5 ? "x" : null;
        Console.WriteLine(text!.Length);
        break;
    case "exit":
        Console.WriteLine("exiting with 42");
        Environment.Exit(42);
        Console.WriteLine("not reached");
        break;
    case "out-of-memory":
        var hoard = new List<byte[]>();
        while (true)
            hoard.Add(new byte[1 << 20]);
    case "exit-code":
        return int.Parse(args[1]);
    case "null-store":
        // The JIT leaves the null check of these stores to the write-barrier stub: its fault must surface as a
        // NullReferenceException in the storing method, not in the stub.
        Holder? nothing = args.Length > 5 ? new Holder() : null;
        Report("field", () => StoreField(nothing!, "value"));
        Report("struct", () => StoreStruct(nothing!, new Pair("a", "b")));
        Report("copy", () => CopyStruct(nothing!, new Holder { Pair = new Pair("c", "d") }));
        Report("by-ref", () => StoreThrough(ref Unsafe.NullRef<string>(), "e"));
        break;
    case "clock":
        Console.WriteLine($"utc {DateTime.UtcNow:O}");
        Console.WriteLine($"local {DateTime.Now:O} kind {DateTime.Now.Kind}");
        Console.WriteLine($"zone {TimeZoneInfo.Local.Id} offset {TimeZoneInfo.Local.BaseUtcOffset}");
        Console.WriteLine($"offset-now {DateTimeOffset.Now.Offset}");
        break;
    default:
        Console.Error.WriteLine($"unknown scenario '{args.FirstOrDefault()}'");
        return 64;
}
return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
static void Level1() => Level2();

[MethodImpl(MethodImplOptions.NoInlining)]
static void Level2() => throw new InvalidOperationException("the operation failed on purpose");

[MethodImpl(MethodImplOptions.NoInlining)]
static void StoreField(Holder holder, string value) => holder.Name = value;

[MethodImpl(MethodImplOptions.NoInlining)]
static void StoreStruct(Holder holder, Pair pair) => holder.Pair = pair;

[MethodImpl(MethodImplOptions.NoInlining)]
static void CopyStruct(Holder to, Holder from) => to.Pair = from.Pair;

[MethodImpl(MethodImplOptions.NoInlining)]
static void StoreThrough(ref string location, string value) => location = value;

static void Report(string name, Action store)
{
    try
    {
        store();
        Console.WriteLine($"{name}: stored");
    }
    catch (NullReferenceException e)
    {
        string top = e.StackTrace?.Split('\n')[0].Trim() ?? "";
        int offset = top.IndexOf(" + 0x", StringComparison.Ordinal);
        Console.WriteLine($"{name}: {e.GetType().Name} {(offset < 0 ? top : top[..offset])}");
    }
}

sealed class Holder
{
    public string? Name;
    public Pair Pair;
}

record struct Pair(string First, string Second);
