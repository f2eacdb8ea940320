using System.Collections.Generic;

namespace Sharprun.Toolchain.Compilation;

/// <summary>What one ILC run compiles: the application and the assemblies that go in with it.</summary>
/// <param name="Application">The application's main assembly; its Main becomes the managed entry point.</param>
/// <param name="ApplicationDependencies">The non-framework assemblies the application ships with.</param>
/// <param name="KernelAssemblies">Sharprun.Kernel.dll and Sharprun.Hypercall.dll of the chosen platform.</param>
/// <param name="Object">The ELF relocatable object to produce.</param>
/// <param name="KernelLibraries">The optional kernel libraries linked in (their assemblies are among <paramref name="KernelAssemblies"/>).</param>
/// <param name="FrameworkDirectories">The shared frameworks' assemblies (see <see cref="SharedFrameworks.Directories"/>), Microsoft.NETCore.App's first.</param>
/// <param name="ProjectRuntimeOptions">The runtime options and feature switches the project and its packages declare (see DotnetProject.EvaluateRuntimeHostOptions).</param>
public sealed record IlcInputs(
    string Application,
    IReadOnlyList<string> ApplicationDependencies,
    IReadOnlyList<string> FrameworkDirectories,
    IReadOnlyList<string> KernelAssemblies,
    string Object,
    IReadOnlyList<Factions.KernelLibrary> KernelLibraries,
    IReadOnlyList<Pipeline.RuntimeHostOption> ProjectRuntimeOptions);
