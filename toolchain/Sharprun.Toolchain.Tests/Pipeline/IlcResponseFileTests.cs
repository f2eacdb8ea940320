using System.IO;
using System.Linq;
using Sharprun.Toolchain.Compilation;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

/// <summary>What ILC is given for a Web SDK project: ASP.NET Core's assemblies and the project's runtime options.</summary>
public sealed class IlcResponseFileTests
{
    [Fact]
    public void AWebProjectIsCompiledWithAspNetCoreFromItsRuntimePackAndItsRuntimeKnobs()
    {
        var package = IlcPackage.Locate(RepositoryLayout.Locate(), new StepLog(TextWriter.Null, false));
        var inputs = new IlcInputs(
            "/p/bin/Release/net10.0/web.dll", [], SharedFrameworks.Directories([SharedFrameworks.NetCore, SharedFrameworks.AspNetCore], package), [],
            "/p/obj/web.o", [],
            [new RuntimeHostOption("System.GC.Server", "true", false), new RuntimeHostOption("Microsoft.AspNetCore.SignalR.Hub.IsCustomAwaitableSupported", "false", true)]);
        var lines = IlcCompiler.ResponseFile(package, inputs);

        Assert.Contains("-r:" + Path.Combine(package.AspNetCoreFrameworkDirectory, "Microsoft.AspNetCore.dll"), lines);
        Assert.Contains("-r:" + Path.Combine(package.AspNetCoreFrameworkDirectory, "Microsoft.Extensions.Hosting.dll"), lines);
        Assert.Contains("-r:" + Path.Combine(package.FrameworkDirectory, "System.Net.Sockets.dll"), lines);
        Assert.Contains("--runtimeknob:System.GC.Server=true", lines);
        Assert.DoesNotContain("--feature:System.GC.Server=true", lines);
        Assert.Contains("--feature:Microsoft.AspNetCore.SignalR.Hub.IsCustomAwaitableSupported=false", lines);
        // One reference per simple name, however many folders offer it.
        var names = lines.Where(line => line.StartsWith("-r:")).Select(Path.GetFileName).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void AConsoleProjectIsCompiledWithoutAspNetCore()
    {
        var package = IlcPackage.Locate(RepositoryLayout.Locate(), new StepLog(TextWriter.Null, false));
        var inputs = new IlcInputs("/p/app.dll", [], SharedFrameworks.Directories([SharedFrameworks.NetCore], package), [], "/p/app.o", [], []);
        Assert.DoesNotContain(IlcCompiler.ResponseFile(package, inputs), line => line.Contains(IlcPackage.AspNetCoreRuntimePackId));
    }
}
