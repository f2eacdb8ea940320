namespace Sharprun.Vfs.Nodes;

/// <summary>A node's file type (the S_IFMT part of its mode).</summary>
public enum NodeKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}
