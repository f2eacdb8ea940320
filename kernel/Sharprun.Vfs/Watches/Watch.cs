namespace Sharprun.Vfs.Watches;

/// <summary>One inotify watch: what an instance's watch descriptor stands for — a node and the events wanted of it.</summary>
public sealed class Watch(WatchInstance instance, int descriptor, NodeKey node, uint mask)
{
    public WatchInstance Instance { get; } = instance;

    public int Descriptor { get; } = descriptor;

    public NodeKey Node { get; } = node;

    /// <summary>The events and <see cref="WatchMask.Kept"/> flags; replaced, or widened with IN_MASK_ADD, by a later add.</summary>
    public uint Mask { get; set; } = mask;

    public bool Wants(uint mask) => (Mask & mask & WatchMask.AllEvents) != 0;

    public bool ExcludesUnlinked => (Mask & WatchMask.ExcludeUnlinked) != 0;

    public bool IsOneShot => (Mask & WatchMask.OneShot) != 0;
}
