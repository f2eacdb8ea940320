using System;
using System.IO;
using System.Linq;

namespace Sharprun.QemuTests.Cli;

/// <summary>Finds pwsh on PATH or where <c>dotnet tool install --global</c> puts it.</summary>
public static class PowerShell
{
    public static string? Locate()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        foreach (var folder in folders)
        {
            string candidate = Path.Combine(folder, "pwsh");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
