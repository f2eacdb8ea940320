// Baked files as a published application finds them: content beside the executable (AppContext.BaseDirectory),
// read-only; /etc/hosts; the tz database; a writable /tmp. With a directory as the first argument (a tree baked
// with sharprun build --files), it lists that too.
string baseDirectory = AppContext.BaseDirectory;
Console.WriteLine($"base directory: {baseDirectory}");
Console.WriteLine($"process path: {Environment.ProcessPath}");
Console.WriteLine($"argv[0]: {Environment.GetCommandLineArgs()[0]}");

string settings = Path.Combine(baseDirectory, "appsettings.json");
Console.WriteLine($"appsettings: {File.ReadAllText(settings).ReplaceLineEndings(" ").Trim()}");
Console.WriteLine($"nested: {File.ReadAllText(Path.Combine(baseDirectory, "data", "nested", "info.txt")).Trim()}");
Console.WriteLine($"unpublished present: {File.Exists(Path.Combine(baseDirectory, "data", "unpublished.txt"))}");
Console.WriteLine($"base listing: {string.Join(", ", Directory.EnumerateFileSystemEntries(baseDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal))}");

Attempt("overwrite appsettings", () => File.WriteAllText(settings, "{}"));
Attempt("append appsettings", () => File.AppendAllText(settings, " "));
Attempt("create file", () => File.WriteAllText(Path.Combine(baseDirectory, "new.json"), "{}"));
Attempt("create directory", () => Directory.CreateDirectory(Path.Combine(baseDirectory, "logs")));
Attempt("delete appsettings", () => File.Delete(settings));
Console.WriteLine($"appsettings after: {File.ReadAllText(settings).ReplaceLineEndings(" ").Trim()}");

var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
Console.WriteLine($"zone: {paris.Id} base offset {paris.BaseUtcOffset}");
Console.WriteLine($"paris winter noon UTC: {TimeZoneInfo.ConvertTimeFromUtc(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc), paris):HH:mm}");
Console.WriteLine($"paris summer noon UTC: {TimeZoneInfo.ConvertTimeFromUtc(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc), paris):HH:mm}");
Console.WriteLine($"tokyo: {TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo").BaseUtcOffset}");
Console.WriteLine($"local zone: {TimeZoneInfo.Local.Id}");

Console.WriteLine($"hosts: {File.ReadLines("/etc/hosts").First()}");
string scratch = Path.Combine(Path.GetTempPath(), "baked-scratch.txt");
File.WriteAllText(scratch, "tmp is writable");
Console.WriteLine($"tmp: {File.ReadAllText(scratch)}");

if (args.Length > 0)
{
    foreach (string file in Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        Console.WriteLine($"extra {Path.GetRelativePath(args[0], file)}: {File.ReadAllText(file).Trim()}");
    Attempt("write extra", () => File.WriteAllText(Path.Combine(args[0], "x.txt"), "x"));
}
return 0;

static void Attempt(string what, Action action)
{
    try
    {
        action();
        Console.WriteLine($"{what}: succeeded");
    }
    catch (Exception e) when (e is UnauthorizedAccessException or IOException)
    {
        Console.WriteLine($"{what}: {e.GetType().Name}: {e.Message}");
    }
}
