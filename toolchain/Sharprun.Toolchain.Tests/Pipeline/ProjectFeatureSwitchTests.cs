using System.Linq;
using Sharprun.Toolchain.Compilation;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

/// <summary>Feature switches the project and its packages declare reach ILC as the SDK passes them.</summary>
public sealed class ProjectFeatureSwitchTests
{
    [Fact]
    public void TrimmingOptionsOfTheEvaluationAreTheSwitches()
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
        Assert.Equal(["Serilog.Capturing.IsStructureValueSupported=false", "System.Globalization.Invariant=true"],
            DotnetProject.ReadFeatureSwitches("warning: something\n" + output, "app.csproj"));
        Assert.Empty(DotnetProject.ReadFeatureSwitches("""{ "Properties": { "TargetPath": "x" } }""", "app.csproj"));
    }

    [Fact]
    public void NewSwitchesAreFeaturesAndKnobsAndFixedOnesKeepTheirValue()
    {
        var flags = IlcFlags.ProjectFeatures(
            ["Serilog.Capturing.IsStructureValueSupported=false", "System.Globalization.Invariant=false", "Serilog.Capturing.IsStructureValueSupported=true"]).ToList();
        Assert.Equal(
            ["--feature:Serilog.Capturing.IsStructureValueSupported=false", "--runtimeknob:Serilog.Capturing.IsStructureValueSupported=false"],
            flags);
        Assert.Contains("--feature:System.Globalization.Invariant=true", IlcFlags.Fixed());
    }
}
