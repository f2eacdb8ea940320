// Language and runtime features an ordinary program relies on, printed deterministically so the
// guest's output can be compared with the same program run on the host.
using System.Runtime.CompilerServices;
using System.Text;

Console.WriteLine($"args: [{string.Join(", ", args)}]");
Console.WriteLine($"command line args after the program: {Environment.GetCommandLineArgs().Length - 1}");

// Casts and type tests.
object boxed = 42;
Console.WriteLine($"is int: {boxed is int}, as string null: {(boxed as string) is null}, unboxed+1: {(int)boxed + 1}");
Shape[] shapes = [new Circle(1.5), new Square(2), new Circle(0.5)];
foreach (var shape in shapes)
    Console.WriteLine($"{shape.GetType().Name}: area {shape.Area():F3}, {(shape is Circle c ? $"radius {c.Radius}" : "not a circle")}");

// Interface dispatch, including generic interfaces and default interface methods.
IGreeter[] greeters = [new English(), new French(), new English()];
foreach (var greeter in greeters)
    Console.WriteLine(greeter.Greet("world") + " / " + greeter.Shout("hi"));
IComparer<string> comparer = StringComparer.Ordinal;
Console.WriteLine($"compare: {comparer.Compare("a", "b")}");

// Generic virtual methods.
Visitor visitor = new CountingVisitor();
Console.WriteLine($"gvm: {visitor.Visit(3)} {visitor.Visit("three")} {visitor.Visit(3.5)}");

// Static constructors and GC statics.
Console.WriteLine($"registry: {Registry.Names.Count} names, first {Registry.Names[0]}, created {Registry.CreatedCount}");

// Thread statics.
PerThread.Counter += 5;
PerThread.Counter *= 3;
PerThread.Name = "main";
Console.WriteLine($"thread static: {PerThread.Counter}, name {PerThread.Name ?? "(null)"}");

// Delegates, lambdas, closures, LINQ.
int captured = 10;
Func<int, int> addCaptured = x => x + captured;
captured = 20;
Action<string> print = Console.WriteLine;
print($"closure: {addCaptured(1)}");
var numbers = Enumerable.Range(1, 20).ToList();
var query = numbers.Where(n => n % 3 == 0).Select(n => n * n).OrderByDescending(n => n).Take(4);
Console.WriteLine($"linq: {string.Join(",", query)} sum {numbers.Sum()} avg {numbers.Average():F2}");
var groups = numbers.GroupBy(n => n % 4).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}");
Console.WriteLine($"groups: {string.Join(" ", groups)}");
var dictionary = numbers.ToDictionary(n => $"k{n}", n => n * 2);
Console.WriteLine($"dictionary: {dictionary.Count} k7={dictionary["k7"]} has k21: {dictionary.ContainsKey("k21")}");

// Iterators.
Console.WriteLine($"fibonacci: {string.Join(" ", Fibonacci().Take(12))}");

// Records, value equality, with-expressions, tuples, pattern matching.
var p1 = new Point(1, 2);
var p2 = p1 with { Y = 5 };
Console.WriteLine($"records: {p1} {p2} equal {p1 == new Point(1, 2)} hash-equal {p1.GetHashCode() == new Point(1, 2).GetHashCode()}");
var (q, r) = Math.DivRem(17, 5);
Console.WriteLine($"tuple: {q} {r} {Classify(p2)} {Classify(new Point(0, 0))}");

// Span, stackalloc, string building and formatting.
Span<int> stackNumbers = stackalloc int[8];
for (int i = 0; i < stackNumbers.Length; i++)
    stackNumbers[i] = i * i;
stackNumbers.Reverse();
Console.WriteLine($"span: {string.Join(",", stackNumbers.ToArray())} slice sum {Sum(stackNumbers[2..5])}");
var builder = new StringBuilder();
for (int i = 0; i < 5; i++)
    builder.Append(i).Append(':').Append((char)('a' + i)).Append(' ');
Console.WriteLine($"builder: {builder.ToString().TrimEnd()} | {3.14159:F2} {1234567.891:N1} {255:X4} {DateTime.UnixEpoch:yyyy-MM-dd}");
Console.WriteLine($"strings: {"Hello".ToUpperInvariant()} {"a,b,,c".Split(',').Length} {string.Concat(Enumerable.Repeat("ab", 3))} {"sharprun".IndexOf("run")}");
Console.WriteLine($"checked math: {unchecked(int.MaxValue + 1)} {Math.Sqrt(2):F5} {(long)1 << 40} {decimal.Divide(10, 3):F4}");

Console.Error.WriteLine("this line goes to standard error");
return 7;

static IEnumerable<long> Fibonacci()
{
    long a = 0, b = 1;
    while (true)
    {
        yield return a;
        (a, b) = (b, a + b);
    }
}

static string Classify(Point point) => point switch
{
    { X: 0, Y: 0 } => "origin",
    { X: var x, Y: var y } when x < y => "above",
    _ => "elsewhere",
};

static int Sum(ReadOnlySpan<int> values)
{
    int total = 0;
    foreach (int value in values)
        total += value;
    return total;
}

abstract class Shape
{
    public abstract double Area();
}

sealed class Circle(double radius) : Shape
{
    public double Radius => radius;
    public override double Area() => Math.PI * radius * radius;
}

sealed class Square(double side) : Shape
{
    public override double Area() => side * side;
}

interface IGreeter
{
    string Greet(string name);
    string Shout(string text) => text.ToUpperInvariant() + "!";
}

sealed class English : IGreeter
{
    public string Greet(string name) => $"Hello, {name}";
}

sealed class French : IGreeter
{
    public string Greet(string name) => $"Bonjour, {name}";
    public string Shout(string text) => text + " !!";
}

abstract class Visitor
{
    public abstract string Visit<T>(T value);
}

sealed class CountingVisitor : Visitor
{
    private int _count;
    public override string Visit<T>(T value) => $"{++_count}:{typeof(T).Name}={value}";
}

static class Registry
{
    public static readonly List<string> Names;
    public static int CreatedCount;

    static Registry()
    {
        Names = ["alpha", "beta", "gamma"];
        CreatedCount++;
    }
}

static class PerThread
{
    [ThreadStatic] public static int Counter;
    [ThreadStatic] public static string? Name;
}

record Point(int X, int Y);
