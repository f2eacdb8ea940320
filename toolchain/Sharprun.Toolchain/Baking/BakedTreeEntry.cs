namespace Sharprun.Toolchain.Baking;

/// <summary>One path of a <see cref="BakedTree"/>: a host file to copy, or bytes the toolchain made (a file's, or a link's target).</summary>
/// <param name="Origin">What put it there, for error messages ("the project's content", "--files ./data:/srv").</param>
internal sealed record BakedTreeEntry(BakedTreeEntryKind Kind, string Origin, string? HostFile, byte[]? Contents, bool Executable);
