using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

// A minimal API as `dotnet new webapiaot` shapes one: the slim builder, JSON source generation, configuration from
// appsettings.json and the environment, a hosted service on a PeriodicTimer, gzip response compression, and a stop
// requested over HTTP.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ShopJsonContext.Default));
builder.Services.AddSingleton<Ticker>();
builder.Services.AddHostedService(services => services.GetRequiredService<Ticker>());
builder.Services.AddResponseCompression();

var app = builder.Build();
var logger = app.Logger;
var shelf = new List<Item> { new(1, "bread", 2.5m), new(2, "milk", 1.2m) };
app.UseResponseCompression();

app.MapGet("/", () => "Hello World!");
app.MapGet("/items", () => shelf);
app.MapGet("/items/{id:int}", Results<Ok<Item>, NotFound> (int id) =>
    shelf.Find(item => item.Id == id) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound());
app.MapPost("/items", (Item item) =>
{
    shelf.Add(item);
    logger.LogInformation("added {Name} at {Price}", item.Name, item.Price);
    return TypedResults.Created($"/items/{item.Id}", item with { Name = item.Name.ToUpperInvariant() });
});
app.MapGet("/shop", (IConfiguration configuration) => new Shop(configuration["Shop:Name"] ?? "", configuration["Shop:Owner"] ?? "", app.Environment.EnvironmentName));
app.MapGet("/report", () => string.Join('\n', Enumerable.Range(0, 2000).Select(line => $"line {line}: all is well")));
app.MapGet("/ticks", (Ticker ticker) => ticker.Ticks > 0 ? "ticking" : "not ticking");
app.MapGet("/stop", (IHostApplicationLifetime lifetime) =>
{
    lifetime.StopApplication();
    return "stopping";
});

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("ready"));
app.Lifetime.ApplicationStopping.Register(() => Console.WriteLine("stopping requested"));
app.Run();
Console.WriteLine($"stopped with {shelf.Count} items");

record Item(int Id, string Name, decimal Price);

record Shop(string Name, string Owner, string Environment);

/// <summary>A hosted service counting the ticks of a PeriodicTimer until the host stops it.</summary>
sealed class Ticker(ILogger<Ticker> logger) : BackgroundService
{
    private int _ticks;

    public int Ticks => Volatile.Read(ref _ticks);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (Interlocked.Increment(ref _ticks) == 1)
                    logger.LogInformation("first tick");
            }
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("ticker stopped");
        }
    }
}

[JsonSerializable(typeof(List<Item>))]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(Shop))]
internal partial class ShopJsonContext : JsonSerializerContext;
