namespace Sharprun.Toolchain.Baking;

internal enum BakedTreeEntryKind
{
    Directory,
    File,
    SymbolicLink,
}
