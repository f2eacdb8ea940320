namespace Sharprun.Ext2.Fuzz;

/// <summary>A pristine image made by mke2fs, its layout, and the metadata blocks grouped the way the mutator picks them.</summary>
public sealed class SeedImage
{
    public SeedImage(string name, byte[] image)
    {
        Name = name;
        Image = image;
        Layout = new ImageLayout(image);
        DirectoryBlocks = [.. Layout.Blocks.Where(block => block.Kind is MetadataKind.Directory or MetadataKind.HashedDirectoryRoot)];
        IndirectBlocks = [.. Layout.Blocks.Where(block => block.Kind == MetadataKind.Indirect)];
        ExtentNodes = [.. Layout.Blocks.Where(block => block.Kind == MetadataKind.ExtentNode)];
        ExtentInodes = [.. Layout.Inodes.Where(inode => inode.HasExtents)];
    }

    public string Name { get; }

    public byte[] Image { get; }

    public ImageLayout Layout { get; }

    public IReadOnlyList<MetadataBlock> DirectoryBlocks { get; }

    public IReadOnlyList<MetadataBlock> IndirectBlocks { get; }

    public IReadOnlyList<MetadataBlock> ExtentNodes { get; }

    public IReadOnlyList<InodeRecord> ExtentInodes { get; }

    /// <summary>Every seed in <paramref name="directory"/> (*.img), in name order so an image's index means the same seed each run.</summary>
    public static List<SeedImage> LoadAll(string directory)
    {
        var seeds = Directory.GetFiles(directory, "*.img").Order(StringComparer.Ordinal)
            .Select(path => new SeedImage(Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path))).ToList();
        return seeds.Count > 0 ? seeds : throw new InvalidOperationException($"no seed images (*.img) in {directory}");
    }
}
