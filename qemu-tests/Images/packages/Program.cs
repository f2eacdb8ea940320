using System.CommandLine;
using System.Runtime.InteropServices;
using FluentValidation;
using Polly;
using Polly.Retry;
using Serilog;
using Spectre.Console;

// A small tool whose subcommands each use one package; System.CommandLine parses, prints help and reports errors.
var root = new RootCommand("packages: a command-line tool built on popular NuGet packages");

var title = new Option<string>("--title") { Description = "The table's title", DefaultValueFactory = _ => "Planets" };
var rows = new Option<int>("--rows", "-r") { Description = "How many rows to show", DefaultValueFactory = _ => 3 };
var render = new Command("render", "Render a table, a tree and markup with Spectre.Console") { title, rows };
render.SetAction(result => Rendering.Show(result.GetValue(title)!, result.GetValue(rows)));
root.Subcommands.Add(render);

var quiet = new Option<bool>("--quiet", "-q") { Description = "Log warnings and errors only" };
var log = new Command("log", "Write structured events with Serilog's console sink") { quiet };
log.SetAction(result => Logging.Show(result.GetValue(quiet)));
root.Subcommands.Add(log);

var failures = new Argument<int>("failures") { Description = "How many attempts fail before one succeeds" };
var retry = new Command("retry", "Retry a failing operation with a Polly resilience pipeline") { failures };
retry.SetAction(result => Retrying.Show(result.GetValue(failures)));
root.Subcommands.Add(retry);

var name = new Option<string>("--name") { Description = "The person's name", DefaultValueFactory = _ => "" };
var age = new Option<int>("--age") { Description = "The person's age" };
var email = new Option<string>("--email") { Description = "The person's e-mail address", DefaultValueFactory = _ => "" };
var validate = new Command("validate", "Validate a person with FluentValidation") { name, age, email };
validate.SetAction(result => Validation.Show(new Person(result.GetValue(name)!, result.GetValue(age), result.GetValue(email)!)));
root.Subcommands.Add(validate);

var native = new Command("native", "Call a Windows library the way Windows-only code of a package would");
native.SetAction(_ => NativeCalls.Show());
root.Subcommands.Add(native);

return root.Parse(args).Invoke();

static class Rendering
{
    public static int Show(string title, int rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        Console.WriteLine($"ansi {console.Profile.Capabilities.Ansi}, colors {console.Profile.Capabilities.ColorSystem}, unicode {console.Profile.Capabilities.Unicode}, width {console.Profile.Width}");

        var table = new Table().Title(title).Border(TableBorder.Rounded);
        table.AddColumn("Planet");
        table.AddColumn(new TableColumn("Moons").RightAligned());
        table.AddColumn("Note");
        (string Planet, int Moons, string Note)[] planets =
            [("Mercury", 0, "closest to the Sun"), ("Earth", 1, "[green]home[/]"), ("Mars", 2, "red"), ("Jupiter", 95, "largest")];
        foreach (var (planet, moons, note) in planets.Take(rows))
            table.AddRow(new Markup(planet), new Text(moons.ToString()), new Markup(note));
        console.Write(table);

        var tree = new Tree("[bold]Solar system[/]");
        var inner = tree.AddNode("Inner planets");
        inner.AddNode("Mercury");
        inner.AddNode("Earth").AddNode("Moon");
        tree.AddNode("Outer planets").AddNodes("Jupiter", "Saturn");
        console.Write(tree);

        console.MarkupLine("[bold yellow]Warning:[/] [underline]markup[/] with [[brackets]] and {0}", Markup.Escape("[not markup]"));
        console.Write(new Rule("[blue]end[/]").LeftJustified());
        console.Write(new BarChart().Width(40).Label("Moons").AddItem("Earth", 1).AddItem("Mars", 2).AddItem("Jupiter", 95));
        return 0;
    }
}

static class Logging
{
    public static int Show(bool quiet)
    {
        using var logger = new LoggerConfiguration()
            .MinimumLevel.Is(quiet ? Serilog.Events.LogEventLevel.Warning : Serilog.Events.LogEventLevel.Debug)
            .Enrich.WithProperty("Tool", "packages")
            .WriteTo.Console(outputTemplate: "[{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")
            .CreateLogger();
        logger.Debug("Starting with {Count} items", 3);
        logger.Information("Processed {@Position} in {Elapsed:000} ms", new Position(25.5, 134), 34);
        logger.Warning("Disk {Disk} is {Percent:P0} full", "/data", 0.93);
        try
        {
            throw new InvalidOperationException("the operation failed");
        }
        catch (InvalidOperationException e)
        {
            logger.Error(e.Message + ": {Reason}", "simulated");
        }
        return 0;
    }
}

sealed record Position(double Latitude, double Longitude);

static class Retrying
{
    public static int Show(int failures)
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(5),
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<TimeoutException>(),
                OnRetry = arguments =>
                {
                    Console.WriteLine($"retry {arguments.AttemptNumber + 1} after {arguments.RetryDelay.TotalMilliseconds} ms: {arguments.Outcome.Exception?.Message}");
                    return default;
                },
            })
            .Build();
        int attempts = 0;
        try
        {
            string outcome = pipeline.Execute(() =>
            {
                attempts++;
                return attempts <= failures ? throw new TimeoutException($"attempt {attempts} timed out") : $"attempt {attempts} succeeded";
            });
            Console.WriteLine(outcome);
            return 0;
        }
        catch (TimeoutException e)
        {
            Console.WriteLine($"gave up after {attempts} attempts: {e.Message}");
            return 3;
        }
    }
}

sealed record Person(string Name, int Age, string Email);

sealed class PersonValidator : AbstractValidator<Person>
{
    public PersonValidator()
    {
        RuleFor(person => person.Name).NotEmpty().MaximumLength(20);
        RuleFor(person => person.Age).InclusiveBetween(0, 150);
        RuleFor(person => person.Email).NotEmpty().EmailAddress();
    }
}

static class Validation
{
    public static int Show(Person person)
    {
        var result = new PersonValidator().Validate(person);
        Console.WriteLine(result.IsValid ? $"{person.Name} is valid" : $"{result.Errors.Count} errors:");
        foreach (var error in result.Errors)
            Console.WriteLine($"  {error.PropertyName}: {error.ErrorMessage} ({error.ErrorCode})");
        return result.IsValid ? 0 : 4;
    }
}

static class NativeCalls
{
    [DllImport("kernel32.dll")]
    private static extern uint GetCurrentProcessId();

    public static int Show()
    {
        try
        {
            Console.WriteLine(GetCurrentProcessId());
            return 0;
        }
        catch (DllNotFoundException e)
        {
            // The probed paths start with the program's directory, which differs between machines.
            Console.WriteLine(e.Message.Replace(AppContext.BaseDirectory, "<app>/", StringComparison.Ordinal));
            return 5;
        }
    }
}
