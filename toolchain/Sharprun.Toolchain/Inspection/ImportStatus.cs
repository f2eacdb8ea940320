namespace Sharprun.Toolchain.Inspection;

/// <summary>What the kernel does about one framework native import.</summary>
public enum ImportStatus
{
    /// <summary>The kernel, one of its libraries, or an archive they link defines it.</summary>
    Provided,

    /// <summary>Missing, and an <see cref="UnavailableImportRules"/> rule says which area it belongs to: the build reports it and binds it to a throwing stub.</summary>
    Reported,

    /// <summary>Missing, and no rule names it: the build fails until the rules classify it.</summary>
    Unclassified,
}
