using System.Collections.Generic;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// A native library the kernel does not provide that compiled code P/Invokes into: the entry points ILC compiled
/// calls of, and the application methods (with their assemblies) that call them, or declare them when no caller
/// was found. Calls of them throw DllNotFoundException, as on a Linux machine without the library.
/// </summary>
public sealed record MissingNativeLibrary(string Library, IReadOnlyList<string> EntryPoints, IReadOnlyList<string> ReachedFrom);
