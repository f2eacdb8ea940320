namespace Sharprun.Kernel.Pal;

/// <summary>What a file descriptor refers to: a console stream, or an object (a socket; files with the VFS).</summary>
public enum DescriptorKind : byte
{
    Closed = 0,

    /// <summary>Standard input: at end of file unless the host feeds it (console.input).</summary>
    ConsoleInput,

    /// <summary>Standard output: the host's stdout of the guest.</summary>
    ConsoleOutput,

    /// <summary>Standard error: the host's stderr of the guest.</summary>
    ConsoleError,

    /// <summary>An <see cref="OpenFileDescription"/> (see <see cref="DescriptorTable.GetDescription"/>).</summary>
    Description,
}
