namespace Sharprun.Kernel.Pal;

/// <summary>
/// The objects behind <see cref="DescriptorKind.Description"/> slots, by descriptor. Its own class so that the
/// descriptor table itself keeps no reference-typed statics: the console path runs before the runtime is up.
/// </summary>
internal static class OpenDescriptions
{
    private static OpenFileDescription?[]? s_descriptions;

    /// <summary>Allocates the table before a slot is claimed with preemption disabled (allocation may not happen then).</summary>
    public static void EnsureCreated()
    {
        if (s_descriptions == null)
            System.Threading.Interlocked.CompareExchange(ref s_descriptions, new OpenFileDescription?[DescriptorTable.Capacity], null);
    }

    public static OpenFileDescription? Get(int fd) => s_descriptions?[fd];

    public static void Set(int fd, OpenFileDescription description) => s_descriptions![fd] = description;

    public static OpenFileDescription? Take(int fd)
    {
        OpenFileDescription? description = s_descriptions![fd];
        s_descriptions[fd] = null;
        return description;
    }
}
