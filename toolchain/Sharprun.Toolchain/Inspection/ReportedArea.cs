using System.Collections.Generic;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// One unavailable framework area an application uses: the entry points of it left undefined, the application
/// methods that lead there, and when they lead there only indirectly, the framework assembly in between.
/// </summary>
public sealed record ReportedArea(UnavailableArea Area, IReadOnlyList<string> EntryPoints, IReadOnlyList<string> ReachedFrom, string? Through);
