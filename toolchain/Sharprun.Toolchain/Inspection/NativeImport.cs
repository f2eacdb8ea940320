using System.Collections.Generic;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// One P/Invoke found in an assembly: the native library and entry point it binds to, the method the
/// application declared it as (for a LibraryImport, the user's partial method rather than the generated stub),
/// and the methods that call it.
/// </summary>
public sealed record NativeImport(string Assembly, string Library, string EntryPoint, string Method, IReadOnlyList<string> Callers);
