using System.Collections.Generic;

namespace Sharprun.Toolchain.Inspection;

/// <summary>A framework import, what the kernel does about it, and for a reported one its area.</summary>
public sealed record ImportClassification(FrameworkImport Import, ImportStatus Status, UnavailableArea? Area)
{
    /// <summary>Provided when <paramref name="provided"/> holds the entry point, else reported or unclassified by <see cref="UnavailableImportRules"/>.</summary>
    public static ImportClassification Of(FrameworkImport import, IReadOnlySet<string> provided)
    {
        if (provided.Contains(import.EntryPoint))
            return new(import, ImportStatus.Provided, null);
        return UnavailableImportRules.AreaOf(import.EntryPoint) is { } area
            ? new(import, ImportStatus.Reported, area)
            : new(import, ImportStatus.Unclassified, null);
    }
}
