using Sharprun.QemuTests.Boot;
using Xunit;

namespace Sharprun.QemuTests.Network;

/// <summary>
/// An unmodified ASP.NET Core minimal API (qemu-tests/Images/minimalapi: the slim builder, JSON source generation,
/// appsettings.json overridden by the environment, a hosted service on a PeriodicTimer, gzip response compression, a
/// stop requested over HTTP) booted with a published port and driven by curl and 32 concurrent .NET clients on the
/// host; its answers (the compressed bytes included) and what it logs must be those of its
/// NativeAOT linux-x64 build run on the host with the same environment. Bare metal only: Xen images have no network
/// yet (no netfront).
/// </summary>
public sealed class MinimalApiTests
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromMinutes(4);

    private static readonly Dictionary<string, string> Environment = new() { ["Shop__Owner"] = "Grace" };

    [Fact]
    public async Task AMinimalApiServesCurlAsItsNativeAotBuildDoes()
    {
        int port = RunningGuest.FreePort();
        string image = GuestImages.Get("minimalapi");
        List<Curl.Answer> answers;
        string output;
        using (var guest = RunningGuest.Start(["run", image, "--timeout", "600", "-m", "256", "-p", $"{port}:8080", "-e", "ASPNETCORE_HTTP_PORTS=8080",
                   .. Environment.SelectMany(variable => new[] { "-e", $"{variable.Key}={variable.Value}" })]))
        {
            guest.WaitForLine("ready", BootLimit);
            answers = await DriveAsync(port, guest);
            Assert.True(guest.WaitForExit(TimeSpan.FromMinutes(1)) == 0, $"the guest did not exit with 0:\n{guest}");
            Assert.True(guest.Error.Length == 0, $"the guest wrote to stderr:\n{guest}");
            output = guest.Output;
        }

        Assert.Equal(
            [
                "200 Hello World!",
                """200 [{"id":1,"name":"bread","price":2.5},{"id":2,"name":"milk","price":1.2}]""",
                """200 {"id":2,"name":"milk","price":1.2}""",
                "404 ",
                """201 {"id":3,"name":"TEA","price":3.75}""",
                """200 [{"id":1,"name":"bread","price":2.5},{"id":2,"name":"milk","price":1.2},{"id":3,"name":"tea","price":3.75}]""",
                """200 {"name":"Corner shop","owner":"Grace","environment":"Production"}""",
                "200 32 concurrent clients served",
                "200 gzip of 44889 bytes",
                "200 ticking",
                "200 stopping",
            ],
            answers.Select(answer => answer.ToString()));
        // Kestrel's defaults, appsettings.json's log levels (no request logs), the hosted service, the ordered stop.
        Assert.Contains("      Now listening on: http://[::]:8080\n", output);
        Assert.Contains("      Content root path: /app\n", output);
        Assert.Contains("      first tick\n", output);
        Assert.Contains("      added tea at 3.75\n", output);
        Assert.Contains("stopping requested\n", output);
        Assert.Contains("      ticker stopped\n", output);
        Assert.EndsWith("stopped with 3 items\n", output);
        Assert.DoesNotContain("Request starting", output);

        int referencePort = RunningGuest.FreePort();
        string binary = NativeAotReference.Binary("minimalapi");
        using var reference = RunningGuest.StartReference(binary, new Dictionary<string, string>(Environment) { ["ASPNETCORE_HTTP_PORTS"] = referencePort.ToString() });
        reference.WaitForLine("ready", TimeSpan.FromMinutes(1));
        var referenceAnswers = await DriveAsync(referencePort, reference);
        Assert.Equal(0, reference.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Equal(referenceAnswers, answers);
        Assert.Equal(
            Entries(reference.Output.Replace($":{referencePort}", ":8080").Replace(Path.GetDirectoryName(binary)!, "/app")),
            Entries(output));
    }

    /// <summary>Every request in turn, the stop last.</summary>
    private static async Task<List<Curl.Answer>> DriveAsync(int port, RunningGuest server)
    {
        string root = $"http://127.0.0.1:{port}";
        try
        {
            var answers = new List<Curl.Answer>
            {
                Curl.Send(root + "/"),
                Curl.Send(root + "/items"),
                Curl.Send(root + "/items/2"),
                Curl.Send(root + "/items/9"),
                Curl.Send(root + "/items", """{"id":3,"name":"tea","price":3.75}"""),
                Curl.Send(root + "/items"),
                Curl.Send(root + "/shop"),
                await ConcurrentAsync(root),
                await CompressedAsync(root),
            };
            // The ticker's first tick comes 50 ms after the start; a loaded machine may delay it.
            var ticking = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            Curl.Answer ticks;
            while ((ticks = Curl.Send(root + "/ticks")).Body != "ticking" && DateTime.UtcNow < ticking)
                Thread.Sleep(200);
            answers.Add(ticks);
            answers.Add(Curl.Send(root + "/stop"));
            return answers;
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"{failure}\n{server}");
        }
    }

    /// <summary>32 clients at once, each on its own connection, each asking for one item.</summary>
    private static async Task<Curl.Answer> ConcurrentAsync(string root)
    {
        var clients = Enumerable.Range(0, 32).Select(async client =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            int id = client % 2 + 1;
            string body = await SlirpReset.RetryAsync(() => http.GetStringAsync($"{root}/items/{id}"));
            return body == (id == 1 ? """{"id":1,"name":"bread","price":2.5}""" : """{"id":2,"name":"milk","price":1.2}""");
        }).ToList();
        bool[] served = await Task.WhenAll(clients);
        return new Curl.Answer(200, $"{served.Count(ok => ok)} concurrent clients served");
    }

    /// <summary>The report asked for with gzip: the answer says gzip and inflates to the report.</summary>
    private static async Task<Curl.Answer> CompressedAsync(string root)
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Get, root + "/report");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await http.SendAsync(request);
        byte[] compressed = await response.Content.ReadAsByteArrayAsync();
        using var inflated = new StreamReader(new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress));
        string report = await inflated.ReadToEndAsync();
        string expected = string.Join('\n', Enumerable.Range(0, 2000).Select(line => $"line {line}: all is well"));
        string encoding = string.Join(',', response.Content.Headers.ContentEncoding);
        return new Curl.Answer((int)response.StatusCode, report == expected ? $"{encoding} of {report.Length} bytes" : $"{encoding}: not the report");
    }

    /// <summary>
    /// The output as log entries (a console logger's header line with its indented message lines, or one line the
    /// program wrote), sorted: the console logger writes from its own thread, so its entries and the program's own
    /// lines interleave differently from run to run, on Linux too.
    /// </summary>
    private static List<string> Entries(string output)
    {
        var entries = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("      ", StringComparison.Ordinal) && entries.Count > 0)
                entries[^1] += "\n" + line;
            else
                entries.Add(line);
        }
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }
}
