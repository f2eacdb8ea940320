using System.Linq;
using Sharprun.Toolchain.Compilation;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

/// <summary>Runtime options and feature switches the project and its packages declare reach ILC as the SDK passes them.</summary>
public sealed class ProjectFeatureSwitchTests
{
    [Fact]
    public void RuntimeHostConfigurationOptionsOfTheEvaluationAreReadWithTheirTrimFlag()
    {
        const string output = """
            {
              "Properties": { "TargetPath": "/p/bin/Release/net10.0/app.dll" },
              "Items": {
                "RuntimeHostConfigurationOption": [
                  { "Identity": "Serilog.Capturing.IsStructureValueSupported", "Value": "false", "Trim": "true" },
                  { "Identity": "System.GC.Server", "Value": "true" },
                  { "Identity": "System.Globalization.Invariant", "Value": "true", "Trim": "True" }
                ]
              }
            }
            """;
        Assert.Equal(
            [
                new RuntimeHostOption("Serilog.Capturing.IsStructureValueSupported", "false", true),
                new RuntimeHostOption("System.GC.Server", "true", false),
                new RuntimeHostOption("System.Globalization.Invariant", "true", true),
            ],
            DotnetProject.ReadRuntimeHostOptions("warning: something\n" + output, "app.csproj"));
        Assert.Empty(DotnetProject.ReadRuntimeHostOptions("""{ "Properties": { "TargetPath": "x" } }""", "app.csproj"));
    }

    [Fact]
    public void SwitchesAreFeaturesAndKnobsRuntimeSettingsOnlyKnobsAndFixedOnesKeepTheirValue()
    {
        var flags = IlcFlags.ProjectOptions(
        [
            new RuntimeHostOption("Serilog.Capturing.IsStructureValueSupported", "false", true),
            new RuntimeHostOption("System.GC.Server", "true", false),
            new RuntimeHostOption("System.Globalization.Invariant", "false", true),
            new RuntimeHostOption("Serilog.Capturing.IsStructureValueSupported", "true", true),
        ]).ToList();
        Assert.Equal(
            [
                "--feature:Serilog.Capturing.IsStructureValueSupported=false",
                "--runtimeknob:Serilog.Capturing.IsStructureValueSupported=false",
                "--runtimeknob:System.GC.Server=true",
            ],
            flags);
        Assert.Contains("--feature:System.Globalization.Invariant=true", IlcFlags.Fixed());
    }
}
