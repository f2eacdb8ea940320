using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The process's file descriptor numbers. 0, 1 and 2 start as the console; dup hands out the lowest free number,
/// as POSIX requires. Fixed capacity (it is also the poll limit, like RLIMIT_NOFILE), no allocation.
/// Not synchronized: one CPU and no threads yet.
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

    /// <summary>A new descriptor for the same file as the open <paramref name="fd"/>, or -1 when the table is full.</summary>
    public static nint Duplicate(nint fd)
    {
        DescriptorKind kind = Get(fd);
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

    /// <summary>Frees <paramref name="fd"/>; false when it was not open.</summary>
    public static bool Close(nint fd)
    {
        if (Get(fd) == DescriptorKind.Closed)
        {
            return false;
        }

        s_slots[(int)fd] = DescriptorKind.Closed;
        return true;
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
