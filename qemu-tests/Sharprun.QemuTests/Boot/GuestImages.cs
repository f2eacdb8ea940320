using System.Collections.Concurrent;
using Sharprun.QemuTests.Cli;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// Builds each test image once per test run (with the real CLI) and shares it between tests.
/// </summary>
public static class GuestImages
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Images = new();
    private static readonly string Folder = Directory.CreateTempSubdirectory("sharprun-images-").FullName;

    /// <summary>The image of qemu-tests/Images/<paramref name="name"/>, building it on first use.</summary>
    public static string Get(string name) => Images.GetOrAdd(name, n => new Lazy<string>(() => Build(n))).Value;

    private static string Build(string name)
    {
        string image = Path.Combine(Folder, name + ".elf");
        // An ASP.NET Core image compiles the whole of Kestrel and the generic host: minutes on a loaded machine.
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(10), "build", SharprunProcess.InRepository($"qemu-tests/Images/{name}"), "-o", image);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"building image {name} failed:\n{result}");
        return image;
    }

    /// <summary>Boots with extra <c>run</c> options (e.g. --gc-verify) before the application's arguments.</summary>
    public static SharprunProcess.Result BootWith(string name, string[] runOptions, params string[] arguments)
    {
        var command = new List<string> { "run", Get(name), "--timeout", "240", "--memory", "64" };
        command.AddRange(runOptions);
        command.Add("--");
        command.AddRange(arguments);
        return SharprunProcess.Run(TimeSpan.FromMinutes(5), command.ToArray());
    }
}
