namespace Sharprun.Kernel.Pal;

/// <summary>What a file descriptor refers to. The console streams are the only open files until the VFS exists.</summary>
public enum DescriptorKind : byte
{
    Closed = 0,

    /// <summary>Standard input: always at end of file (the host sends the guest no input yet).</summary>
    ConsoleInput,

    /// <summary>Standard output: the host's stdout of the guest.</summary>
    ConsoleOutput,

    /// <summary>Standard error: the host's stderr of the guest.</summary>
    ConsoleError,
}
