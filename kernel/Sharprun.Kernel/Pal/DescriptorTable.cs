using System.Runtime.CompilerServices;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The process's file descriptor numbers. 0, 1 and 2 start as the console; new descriptors take the lowest free
/// number, as POSIX requires. Fixed capacity (it is also the poll limit, like RLIMIT_NOFILE). The console path
/// allocates nothing; slots are claimed with preemption disabled, so threads never get the same number.
/// </summary>
public static class DescriptorTable
{
    public const int Capacity = 256;

    private static Slots s_slots;
    private static bool s_initialized;

    public static DescriptorKind Get(nint fd)
    {
        EnsureInitialized();
        return fd >= 0 && fd < Capacity ? s_slots[(int)fd] : DescriptorKind.Closed;
    }

    /// <summary>The object open at <paramref name="fd"/>, or null when it is closed or a console stream.</summary>
    public static OpenFileDescription? GetDescription(nint fd) =>
        Get(fd) == DescriptorKind.Description ? OpenDescriptions.Get((int)fd) : null;

    /// <summary>A new descriptor for <paramref name="description"/>, or -1 when the table is full.</summary>
    public static nint Install(OpenFileDescription description)
    {
        EnsureInitialized();
        OpenDescriptions.EnsureCreated();
        Preemption.Disable();
        int fd = ClaimLowestFree(DescriptorKind.Description);
        if (fd >= 0)
            OpenDescriptions.Set(fd, description);
        Preemption.Enable();
        if (fd >= 0)
            description.AddDescriptor();
        return fd;
    }

    /// <summary>A new descriptor for the same file as the open <paramref name="fd"/>, or -1 when the table is full.</summary>
    public static nint Duplicate(nint fd)
    {
        DescriptorKind kind = Get(fd);
        OpenFileDescription? description = kind == DescriptorKind.Description ? OpenDescriptions.Get((int)fd) : null;
        Preemption.Disable();
        int duplicate = ClaimLowestFree(kind);
        if (duplicate >= 0 && description != null)
            OpenDescriptions.Set(duplicate, description);
        Preemption.Enable();
        if (duplicate >= 0 && description != null)
            description.AddDescriptor();
        return duplicate;
    }

    /// <summary>Frees <paramref name="fd"/>; false when it was not open. The last close of an object releases it.</summary>
    public static bool Close(nint fd)
    {
        if (Get(fd) == DescriptorKind.Closed)
        {
            return false;
        }

        OpenFileDescription? description = null;
        Preemption.Disable();
        DescriptorKind kind = s_slots[(int)fd];
        if (kind == DescriptorKind.Description)
            description = OpenDescriptions.Take((int)fd);
        s_slots[(int)fd] = DescriptorKind.Closed;
        Preemption.Enable();
        description?.RemoveDescriptor();
        return kind != DescriptorKind.Closed;
    }

    private static int ClaimLowestFree(DescriptorKind kind)
    {
        for (int candidate = 0; candidate < Capacity; candidate++)
        {
            if (s_slots[candidate] == DescriptorKind.Closed)
            {
                s_slots[candidate] = kind;
                return candidate;
            }
        }

        return -1;
    }

    // Set up on first use rather than by a static constructor, which would need the runtime's class-init check on
    // a path that runs beneath the runtime.
    private static void EnsureInitialized()
    {
        if (s_initialized)
        {
            return;
        }

        s_slots[0] = DescriptorKind.ConsoleInput;
        s_slots[1] = DescriptorKind.ConsoleOutput;
        s_slots[2] = DescriptorKind.ConsoleError;
        s_initialized = true;
    }

    [InlineArray(Capacity)]
    private struct Slots
    {
        private DescriptorKind _first;
    }
}
