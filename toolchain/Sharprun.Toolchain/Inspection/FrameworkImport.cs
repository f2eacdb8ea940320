using System.Collections.Generic;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// One native entry point the framework P/Invokes: the library its DllImports name and the framework assemblies
/// that declare it (an entry point such as SystemNative_Read is declared by several).
/// </summary>
public sealed record FrameworkImport(string EntryPoint, string Library, IReadOnlyList<string> Assemblies);
