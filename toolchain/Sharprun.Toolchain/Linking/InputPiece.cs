using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>An input section placed inside an output section, at <see cref="Offset"/> from its start.</summary>
internal sealed record InputPiece(ObjectFile Object, ObjectSection Section, long Offset);
