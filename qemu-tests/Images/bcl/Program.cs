// The everyday BCL beyond collections and formatting, printed deterministically for comparison with the host:
// regular expressions in every engine, System.Text.Json in every API style, and reflection invoke.
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

Regexes.Run();
Json.Run();
Reflection.Run();
return 0;

static partial class Regexes
{
    private const string Log = "2026-12-02 08:01:16 INFO boot ok\n2026-12-02 08:01:17 WARN disk slow (41 ms)\n2026-12-02 08:01:18 ERROR net down";

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2}) (?<time>[\d:]+) (?<level>[A-Z]+) (?<text>.*)$", RegexOptions.Multiline)]
    private static partial Regex LogLine();

    public static void Run()
    {
        const string pattern = @"(?<level>WARN|ERROR) (?<text>[^\n(]+)(\((?<ms>\d+) ms\))?";
        foreach (var (name, regex) in new[]
        {
            ("interpreted", new Regex(pattern)),
            ("compiled", new Regex(pattern, RegexOptions.Compiled)),
            ("non-backtracking", new Regex(pattern, RegexOptions.NonBacktracking)),
        })
        {
            var matches = regex.Matches(Log).Select(m => $"{m.Groups["level"].Value}:{m.Groups["text"].Value.Trim()}:{m.Groups["ms"].Value}");
            Console.WriteLine($"regex {name}: {string.Join(" | ", matches)}");
        }
        foreach (Match m in LogLine().Matches(Log))
            Console.WriteLine($"regex generated: {m.Groups["time"].Value} {m.Groups["level"].Value} [{m.Groups["text"].Value}]");
        Console.WriteLine("regex replace: " + Regex.Replace("Hello World Wide Web", @"\b(\w)(\w*)", m => m.Groups[2].Value + m.Groups[1].Value + "ay"));
        Console.WriteLine("regex split: " + string.Join(",", Regex.Split("a1b22c333d", @"\d+")));
        Console.WriteLine("regex ignore-case: " + Regex.IsMatch("SHARPRUN", "sharp", RegexOptions.IgnoreCase));
        try
        {
            new Regex(@"^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(50)).IsMatch(new string('a', 40) + "!");
            Console.WriteLine("regex timeout: none");
        }
        catch (RegexMatchTimeoutException e)
        {
            Console.WriteLine($"regex timeout: {e.GetType().Name} after {e.MatchTimeout.TotalMilliseconds} ms");
        }
        try
        {
            _ = new Regex("(unclosed");
        }
        catch (RegexParseException e)
        {
            Console.WriteLine($"regex parse error: {e.Error} at {e.Offset}");
        }
    }
}

public sealed record Service(string Name, int Port, bool Enabled, string[] Tags, Dictionary<string, double> Limits, DateTimeOffset Since, Guid Id, Kind Kind);

[JsonConverter(typeof(JsonStringEnumConverter<Kind>))]
public enum Kind { Web, Worker }

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(List<Service>))]
internal partial class ServiceJson : JsonSerializerContext;

static class Json
{
    public static void Run()
    {
        var service = new Service("api", 8080, true, ["edge", "v2"], new() { ["rps"] = 1500.5, ["burst"] = 3e4 },
            new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(1)), new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), Kind.Web);
        string text = JsonSerializer.Serialize(service, ServiceJson.Default.Service);
        Console.WriteLine("json source-generated:\n" + text);
        var back = JsonSerializer.Deserialize(text, ServiceJson.Default.Service)!;
        Console.WriteLine($"json round trip: {back.Name} {back.Port} {back.Since:O} {back.Kind} {back.Limits["rps"]} equal tags {back.Tags.SequenceEqual(service.Tags)}");
        var list = JsonSerializer.Deserialize("[{\"name\":\"a\",\"port\":1,\"tags\":[],\"limits\":{},\"kind\":\"Worker\"}]", ServiceJson.Default.ListService)!;
        Console.WriteLine($"json list: {list.Count} {list[0].Name} {list[0].Kind} {list[0].Id}");

        var node = JsonNode.Parse("""{"a": {"b": [1, 2.5, "three", null, true]}, "π": "\u03c0"}""")!;
        node["a"]!["b"]!.AsArray().Add((JsonNode)JsonValue.Create(42));
        node["added"] = new JsonObject { ["nested"] = JsonValue.Create(-0.125) };
        Console.WriteLine("json node: " + node.ToJsonString());
        Console.WriteLine($"json node path: {node["a"]!["b"]![2]!.GetPath()} = {node["a"]!["b"]![2]!.GetValue<string>()}");

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("""{"n": 12345678901234, "d": 1.5e300, "s": "x\ty", "arr": [true, false]}"""));
        var tokens = new List<string>();
        while (reader.Read())
        {
            tokens.Add(reader.TokenType switch
            {
                JsonTokenType.PropertyName => "P:" + reader.GetString(),
                JsonTokenType.Number => "N:" + (reader.TryGetInt64(out long l) ? l.ToString() : reader.GetDouble().ToString("R")),
                JsonTokenType.String => "S:" + reader.GetString()!.Replace("\t", "\\t"),
                _ => reader.TokenType.ToString(),
            });
        }
        Console.WriteLine("json reader: " + string.Join(" ", tokens));

        using var document = JsonDocument.Parse("""{"items": [{"v": 3}, {"v": 4}]}""");
        Console.WriteLine("json document: " + document.RootElement.GetProperty("items").EnumerateArray().Sum(e => e.GetProperty("v").GetInt32()));
        try
        {
            JsonNode.Parse("{\"unterminated\": [1, 2");
        }
        catch (JsonException e)
        {
            Console.WriteLine($"json error: {e.GetType().Name} line {e.LineNumber} byte {e.BytePositionInLine}");
        }
    }
}

public sealed class Calculator
{
    public int Offset { get; set; } = 100;

    public int Add(int a, int b) => a + b + Offset;

    public string Describe(string name, int count, double ratio, bool flag, DateTime when, Guid id, char suffix) =>
        $"{name}/{count}/{ratio}/{flag}/{when:yyyy-MM-dd}/{id.ToString()[..8]}/{suffix}";

    public static void Swap(ref int a, ref int b) => (a, b) = (b, a);

    public void Fail() => throw new InvalidOperationException("from a reflected call");
}

static class Reflection
{
    public static void Run()
    {
        Type type = typeof(Calculator);
        object instance = Activator.CreateInstance(type)!;
        Console.WriteLine("reflection add: " + type.GetMethod(nameof(Calculator.Add))!.Invoke(instance, [2, 3]));
        Console.WriteLine("reflection many arguments: " + type.GetMethod(nameof(Calculator.Describe))!.Invoke(instance,
            ["x", 7, 0.25, true, new DateTime(2026, 12, 2), new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), '!']));
        object?[] swapped = [1, 2];
        type.GetMethod(nameof(Calculator.Swap))!.Invoke(null, swapped);
        Console.WriteLine($"reflection by-ref: {swapped[0]} {swapped[1]}");
        PropertyInfo offset = type.GetProperty(nameof(Calculator.Offset))!;
        offset.SetValue(instance, 5);
        Console.WriteLine($"reflection property: {offset.GetValue(instance)} {type.GetMethod(nameof(Calculator.Add))!.Invoke(instance, [1, 1])}");
        try
        {
            type.GetMethod(nameof(Calculator.Fail))!.Invoke(instance, null);
        }
        catch (TargetInvocationException e)
        {
            Console.WriteLine($"reflection exception: {e.InnerException!.GetType().Name}: {e.InnerException.Message}");
        }
        Console.WriteLine("reflection members: " + string.Join(",", type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).Order()));
        var generic = typeof(List<>).MakeGenericType(typeof(int));
        Console.WriteLine($"reflection generic: {generic.Name} {generic.GetGenericArguments()[0].Name}");
        Console.WriteLine($"reflection attribute: {typeof(Service).GetCustomAttributes(false).Length >= 0} {typeof(Kind).GetCustomAttribute<JsonConverterAttribute>() is not null}");
    }
}
