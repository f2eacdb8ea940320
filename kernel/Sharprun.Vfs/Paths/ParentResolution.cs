using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Paths;

/// <summary>
/// What a create-style call resolves to: the directory holding the last component and that component's name.
/// <see cref="Name"/> is empty when the path is only slashes (it names the root), and may be "." or "..", which
/// each call answers as Linux does. <see cref="TrailingSlash"/>: the path ended with '/' after the name.
/// </summary>
public readonly record struct ParentResolution(INode Directory, byte[] Name, bool TrailingSlash)
{
    public bool NamesDot => Name is [(byte)'.'];

    public bool NamesDotDot => Name is [(byte)'.', (byte)'.'];

    /// <summary>The name is empty, "." or "..": not a name that can be created or removed.</summary>
    public bool NamesNoEntry => Name.Length == 0 || NamesDot || NamesDotDot;
}
