// One image, many ways to end: the first argument picks the scenario.
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
    default:
        Console.Error.WriteLine($"unknown scenario '{args.FirstOrDefault()}'");
        return 64;
}
return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
static void Level1() => Level2();

[MethodImpl(MethodImplOptions.NoInlining)]
static void Level2() => throw new InvalidOperationException("the operation failed on purpose");
