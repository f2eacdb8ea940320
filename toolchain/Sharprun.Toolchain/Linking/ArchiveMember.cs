using System;

namespace Sharprun.Toolchain.Linking;

/// <summary>One object file stored in an <see cref="ObjectArchive"/>, found at <see cref="HeaderOffset"/> in the archive.</summary>
public sealed class ArchiveMember
{
    internal ArchiveMember(ObjectArchive archive, string name, int headerOffset, ReadOnlyMemory<byte> contents)
    {
        Archive = archive;
        Name = name;
        HeaderOffset = headerOffset;
        Contents = contents;
    }

    public ObjectArchive Archive { get; }

    public string Name { get; }

    public int HeaderOffset { get; }

    public ReadOnlyMemory<byte> Contents { get; }

    /// <summary>"libz.a(deflate.c.o)", as linkers name members.</summary>
    public string DisplayName => $"{System.IO.Path.GetFileName(Archive.Name)}({Name})";
}
