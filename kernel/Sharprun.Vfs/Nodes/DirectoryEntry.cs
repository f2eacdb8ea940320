namespace Sharprun.Vfs.Nodes;

/// <summary>One name in a directory listing; <see cref="Name"/> is raw bytes (UTF-8 by convention, never checked).</summary>
public readonly record struct DirectoryEntry(byte[] Name, ulong Number, NodeKind Kind);
