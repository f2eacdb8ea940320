using System.Diagnostics;
using System.Text.Json;
using Sharprun.QemuTests.Cli;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.QemuTests.Network;

/// <summary>
/// A project made by <c>dotnet new webapiaot</c> in the test, unchanged (the slim builder, JSON source generation,
/// OpenAPI in Development), built by <c>sharprun build</c> and booted with a published port: curl gets its todos.
/// Bare metal only: Xen images have no network yet (no netfront).
/// </summary>
public sealed class WebApiAotTemplateTests : IDisposable
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromMinutes(4);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-webapiaot-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheTemplatesProjectBuildsUnchangedAndServesItsTodos()
    {
        string project = Path.Combine(_folder.FullName, "todos");
        DotnetNew("webapiaot", "--name", "todos", "--output", project);
        string image = Path.Combine(_folder.FullName, "todos.elf");
        var build = SharprunProcess.Run(TimeSpan.FromMinutes(10), "build", project, "-o", image);
        Assert.True(build.ExitCode == 0, $"sharprun build failed:\n{build}");

        int port = RunningGuest.FreePort();
        using var guest = RunningGuest.Start("run", image, "--timeout", "600", "-m", "256", "-p", $"{port}:8080",
            "-e", "ASPNETCORE_HTTP_PORTS=8080", "-e", "ASPNETCORE_ENVIRONMENT=Development");
        guest.WaitForLine("      Application started. Press Ctrl+C to shut down.", BootLimit);
        string root = $"http://127.0.0.1:{port}";
        try
        {
            using var todos = JsonDocument.Parse(Curl.Get(root + "/todos"));
            Assert.Equal([1, 2, 3, 4, 5], todos.RootElement.EnumerateArray().Select(todo => todo.GetProperty("id").GetInt32()));
            Assert.Equal(["Walk the dog", "Do the dishes", "Do the laundry", "Clean the bathroom", "Clean the car"],
                todos.RootElement.EnumerateArray().Select(todo => todo.GetProperty("title").GetString()));
            // The template dates its todos from the guest's clock: today, tomorrow, the day after.
            var due = todos.RootElement.EnumerateArray().Select(todo => todo.GetProperty("dueBy")).ToList();
            var today = DateOnly.ParseExact(due[1].GetString()!, "yyyy-MM-dd");
            Assert.Equal(JsonValueKind.Null, due[0].ValueKind);
            Assert.Equal(today.AddDays(1), DateOnly.ParseExact(due[2].GetString()!, "yyyy-MM-dd"));
            Assert.Equal(today.AddDays(2), DateOnly.ParseExact(due[4].GetString()!, "yyyy-MM-dd"));
            Assert.InRange(today, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1));

            Assert.Equal(new Curl.Answer(200, """{"id":4,"title":"Clean the bathroom","dueBy":null,"isComplete":false}"""), Curl.Send(root + "/todos/4"));
            Assert.Equal(404, Curl.Send(root + "/todos/9").Status);

            using var openApi = JsonDocument.Parse(Curl.Get(root + "/openapi/v1.json"));
            Assert.Equal("todos | v1", openApi.RootElement.GetProperty("info").GetProperty("title").GetString());
            Assert.Equal(["/todos", "/todos/{id}"], openApi.RootElement.GetProperty("paths").EnumerateObject().Select(path => path.Name));
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"{failure}\n{guest}");
        }
        Assert.Contains("info: Microsoft.Hosting.Lifetime[14]\n      Now listening on: http://[::]:8080\n", guest.Output);
        Assert.Contains("      Hosting environment: Development\n", guest.Output);
        Assert.Contains("      Content root path: /app\n", guest.Output);
    }

    private static void DotnetNew(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("new");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        ToolProcess.RemoveInheritedBuildVariables(start);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet new {string.Join(' ', arguments)} failed:\n{output}{error.Result}");
    }
}
