using System;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Inspection;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

/// <summary>
/// The application is built as a NativeAOT publish builds it, asked of the real SDK: a minimal API without
/// PublishAot in its project (the `dotnet new web` shape) still gets the Request Delegate Generator's code, which
/// `dotnet publish -p:PublishAot=true` compiles into it.
/// </summary>
public sealed class PublishBuildTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-publishbuild-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void AMinimalApiIsBuiltWithTheRequestDelegateGenerator()
    {
        string project = Path.Combine(_folder.FullName, "web.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_folder.FullName, "Program.cs"), """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "Hello World!");
            app.Run();
            """);
        var log = new StepLog(TextWriter.Null, false);
        var properties = DotnetProject.Evaluate(project, log);
        DotnetProject.Build(project, log);

        using var module = AssemblyFile.Load(properties.TargetPath);
        Assert.Contains(module.GetTypes(), type => type.Namespace == "Microsoft.AspNetCore.Http.Generated");
    }
}
