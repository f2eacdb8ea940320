namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// A P/Invoke ILC compiled with lazy binding (into a library not passed as --directpinvoke): the library and entry
/// point its import cell names. The runtime resolves it on first call, through the kernel's dlopen.
/// </summary>
public sealed record CompiledNativeImport(string Library, string EntryPoint);
