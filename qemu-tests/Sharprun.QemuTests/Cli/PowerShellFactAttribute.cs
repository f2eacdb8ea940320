using Xunit;

namespace Sharprun.QemuTests.Cli;

/// <summary>
/// A test that needs PowerShell (pwsh). Where it is not installed the test is skipped, saying so and how to
/// install it (.ci/run installs it when the NuGet feed serves it).
/// </summary>
public sealed class PowerShellFactAttribute : FactAttribute
{
    public PowerShellFactAttribute()
    {
        if (PowerShell.Locate() is null)
            Skip = "pwsh is not installed (dotnet tool install --global PowerShell); build.ps1 cannot be tested";
    }
}
